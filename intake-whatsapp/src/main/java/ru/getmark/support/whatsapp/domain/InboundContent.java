package ru.getmark.support.whatsapp.domain;

import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.dialog.ChatInput;

import java.util.List;
import java.util.Locale;

/**
 * What an inbound WhatsApp message is for the dialogue: a ready {@link ChatInput}, files still to be fetched (and
 * stored by claim check), or nothing to answer (a reaction). Kinds the dialogue cannot use (voice, location, sticker,
 * contacts ...) become the engine's {@link ChatInput.Unsupported}, which answers helpfully. Plain Java, unit-tested.
 */
public sealed interface InboundContent {

    /** A ready input. */
    record Ready(ChatInput input) implements InboundContent {
    }

    /** Media to fetch; the caption goes with the first file. */
    record Files(List<WhatsAppInbound.Media> media, String caption) implements InboundContent {
    }

    /** Nothing for the dialogue; acknowledged without an answer. */
    record Ignored(String why) implements InboundContent {
    }

    /**
     * Reads the message.
     *
     * @param in        the message
     * @param shown     the choices of the last message the customer was shown (numbered answers)
     * @param answering whether the customer is answering an information request
     */
    static InboundContent of(WhatsAppInbound in, List<ChatButton> shown, boolean answering) {
        if (in.buttonPayload() != null || in.buttonText() != null && "button".equals(in.messageType())) {
            String payload = in.buttonPayload();
            boolean known = payload != null && shown.stream().anyMatch(b -> b.data().equals(payload));
            if (!known) {
                String byTitle = Choices.byLabel(in.buttonText(), shown).orElse(null);
                if (byTitle != null) {
                    return new Ready(new ChatInput.Button(byTitle));
                }
            }
            return payload != null ? new Ready(new ChatInput.Button(payload))
                    : new Ready(new ChatInput.Text(in.buttonText()));
        }
        String type = in.messageType();
        switch (type) {
            case "reaction" -> {
                return new Ignored("reaction");
            }
            case "location" -> {
                return unsupported(ChatInput.Unsupported.LOCATION);
            }
            case "contacts", "contact" -> {
                return unsupported(ChatInput.Unsupported.CONTACT);
            }
            case "sticker" -> {
                return unsupported(ChatInput.Unsupported.STICKER);
            }
            case "audio", "voice" -> {
                return unsupported(voice(in));
            }
            default -> {
            }
        }
        if (!in.media().isEmpty()) {
            boolean audio = in.media().stream().anyMatch(m -> lower(m.contentType()).startsWith("audio/"));
            if (audio) {
                return unsupported(voice(in));
            }
            return new Files(in.media(), in.body().isBlank() ? null : in.body().strip());
        }
        if ("unsupported".equals(type) || "unknown".equals(type)) {
            return unsupported("other");
        }
        String text = in.body();
        if (text.isBlank()) {
            return unsupported("other");
        }
        return Choices.pressed(text, shown, answering).<InboundContent>map(d -> new Ready(new ChatInput.Button(d)))
                .orElseGet(() -> new Ready(new ChatInput.Text(text)));
    }

    private static Ready unsupported(String kind) {
        return new Ready(new ChatInput.Unsupported(kind));
    }

    /** A WhatsApp voice note is an ogg/opus audio; any other audio is a music file. */
    private static String voice(WhatsAppInbound in) {
        boolean ogg = in.media().isEmpty() || in.media().stream().anyMatch(m -> lower(m.contentType()).contains("ogg")
                || lower(m.contentType()).contains("opus"));
        return ogg ? ChatInput.Unsupported.VOICE : ChatInput.Unsupported.AUDIO;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }
}
