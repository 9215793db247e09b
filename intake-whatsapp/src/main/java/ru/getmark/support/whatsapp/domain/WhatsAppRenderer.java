package ru.getmark.support.whatsapp.domain;

import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.text.TextSplitter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * Renders the dialogue's messages and the notifier's chat notices in WhatsApp's means. Choices become numbered lines
 * ("1. Проблема решена") the customer answers with the digit or the words, or, where a quick-reply content template
 * with that many buttons is configured and every title fits WhatsApp's 20 characters, real buttons whose id comes back
 * as ButtonPayload. Links are written out ("Открыть обращение: https://..."). Texts over Twilio's 1600 characters are
 * split, the choices staying with the last part. Outside the 24-hour window only an approved template may be sent;
 * template parameters must be one line. Plain Java, unit-tested.
 */
public final class WhatsAppRenderer {

    /** Twilio's limit of one WhatsApp message body. */
    public static final int MAX_BODY = 1600;
    /** WhatsApp's limit of a quick-reply button title. */
    public static final int MAX_BUTTON_TITLE = 20;
    /** Twilio's limit of a content template's body variable (kept well inside WhatsApp's). */
    public static final int MAX_TEMPLATE_TEXT = 1000;
    static final String HINT = "Ответьте цифрой варианта.";

    /** A link under a notice. */
    public record Link(String label, String url) {
    }

    /**
     * A rendered message.
     *
     * @param parts   what to send, in order
     * @param choices the choices the customer is now shown (numbered order), empty when none
     */
    public record Rendered(List<OutboundPart> parts, List<ChatButton> choices) {
    }

    private final IntFunction<Optional<String>> quickReplies;

    /** @param quickReplies the configured quick-reply template for n buttons (1..3), if any */
    public WhatsAppRenderer(IntFunction<Optional<String>> quickReplies) {
        this.quickReplies = quickReplies;
    }

    /** A message inside the customer-service window: free-form text, or a quick-reply template. */
    public Rendered render(String text, List<ChatButton> choices, List<Link> links) {
        List<ChatButton> buttons = choices == null ? List.of() : choices;
        List<Link> urls = links == null ? List.of() : links;
        String body = text == null ? "" : text.strip();
        Optional<String> template = buttons.isEmpty() ? Optional.empty() : quickReplies.apply(buttons.size());
        String linked = body + linkLines(urls);
        if (template.isPresent() && buttons.stream().allMatch(b -> b.label().length() <= MAX_BUTTON_TITLE)
                && linked.length() <= MAX_TEMPLATE_TEXT) {
            Map<String, String> variables = new LinkedHashMap<>();
            variables.put("1", linked);
            for (int i = 0; i < buttons.size(); i++) {
                variables.put(Integer.toString(2 + 2 * i), buttons.get(i).label());
                variables.put(Integer.toString(3 + 2 * i), buttons.get(i).data());
            }
            return new Rendered(List.of(OutboundPart.template(template.get(), variables)), buttons);
        }
        String choiceBlock = choiceLines(buttons);
        List<OutboundPart> parts = new ArrayList<>();
        String whole = (body + choiceBlock + linkLines(urls)).strip();
        if (whole.length() <= MAX_BODY) {
            parts.add(OutboundPart.text(whole.isEmpty() ? " " : whole));
        } else {
            String tail = (choiceBlock + linkLines(urls)).strip();
            List<String> pieces = TextSplitter.split(body, MAX_BODY);
            for (int i = 0; i < pieces.size(); i++) {
                boolean last = i == pieces.size() - 1;
                String piece = pieces.get(i);
                if (last && !tail.isEmpty()) {
                    if (piece.length() + 2 + tail.length() <= MAX_BODY) {
                        piece = piece + "\n\n" + tail;
                    } else {
                        parts.add(OutboundPart.text(piece));
                        TextSplitter.split(tail, MAX_BODY).forEach(t -> parts.add(OutboundPart.text(t)));
                        continue;
                    }
                }
                parts.add(OutboundPart.text(piece));
            }
        }
        return new Rendered(parts, buttons);
    }

    /**
     * A notice outside the window, as the approved notice template: ContentVariables {@code 1} = the text with its
     * choices and links on one line, {@code 2} = the ticket number.
     */
    public Rendered outsideWindow(String noticeTemplate, String text, List<ChatButton> choices, List<Link> links,
                                  String ticketNumber) {
        List<ChatButton> buttons = choices == null ? List.of() : choices;
        StringBuilder all = new StringBuilder(text == null ? "" : text.strip());
        for (int i = 0; i < buttons.size(); i++) {
            all.append(i == 0 ? " Ответьте цифрой: " : "; ").append(i + 1).append(" — ").append(buttons.get(i).label());
        }
        if (!buttons.isEmpty()) {
            all.append('.');
        }
        for (Link link : links == null ? List.<Link>of() : links) {
            all.append(' ').append(link.label()).append(": ").append(link.url());
        }
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("1", oneLine(all.toString(), MAX_TEMPLATE_TEXT));
        variables.put("2", ticketNumber == null ? "" : ticketNumber);
        return new Rendered(List.of(OutboundPart.template(noticeTemplate, variables)), buttons);
    }

    static String choiceLines(List<ChatButton> buttons) {
        if (buttons.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\n");
        for (int i = 0; i < buttons.size(); i++) {
            s.append('\n').append(i + 1).append(". ").append(buttons.get(i).label());
        }
        s.append("\n\n").append(HINT);
        return s.toString();
    }

    static String linkLines(List<Link> links) {
        if (links.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("\n");
        for (Link link : links) {
            s.append('\n').append(link.label()).append(": ").append(link.url());
        }
        return s.toString();
    }

    /**
     * A template parameter: WhatsApp refuses new lines, tabs and more than four spaces in a row in one, so the text is
     * made one line and cut to {@code max} characters.
     */
    static String oneLine(String text, int max) {
        String s = text.replaceAll("\\s+", " ").strip();
        if (s.length() > max) {
            s = s.substring(0, max - 1) + "…";
        }
        return s;
    }
}
