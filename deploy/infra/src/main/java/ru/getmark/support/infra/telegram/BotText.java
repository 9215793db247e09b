package ru.getmark.support.infra.telegram;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a message text with a {@code parse_mode} into the plain text a user sees, and rejects the markup Telegram
 * rejects ({@code can't parse entities}). A bot that forgets to escape a customer's {@code <} or {@code .} fails
 * here as it would against the real Bot API, instead of passing its tests and failing in production.
 */
final class BotText {

    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;

    private static final Set<String> HTML_TAGS = Set.of("b", "strong", "i", "em", "u", "ins", "s", "strike", "del",
            "span", "tg-spoiler", "a", "code", "pre", "blockquote", "tg-emoji");
    private static final String MARKDOWN_V2_RESERVED = "_*[]()~`>#+-=|{}.!";

    private BotText() {
    }

    /** The visible text; throws a 400 like Telegram's for malformed markup. */
    static String plain(String text, String parseMode) {
        if (parseMode == null || parseMode.isBlank()) {
            return text;
        }
        return switch (parseMode.toLowerCase(Locale.ROOT)) {
            case "html" -> html(text);
            case "markdownv2" -> markdownV2(text);
            case "markdown" -> markdown(text);
            default -> throw BotApiException.badRequest("unsupported parse_mode");
        };
    }

    private static String html(String text) {
        StringBuilder out = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '<') {
                int end = text.indexOf('>', i);
                if (end < 0) {
                    throw entities("Can't find end of the tag starting at byte offset " + offset(text, i));
                }
                String inner = text.substring(i + 1, end).trim();
                boolean closing = inner.startsWith("/");
                String body = closing ? inner.substring(1).trim() : inner;
                int nameEnd = 0;
                while (nameEnd < body.length() && (Character.isLetterOrDigit(body.charAt(nameEnd)) || body.charAt(nameEnd) == '-')) {
                    nameEnd++;
                }
                String name = body.substring(0, nameEnd).toLowerCase(Locale.ROOT);
                if (!HTML_TAGS.contains(name)) {
                    throw entities("Unsupported " + (closing ? "end" : "start") + " tag \"" + name + "\" at byte offset "
                            + offset(text, i));
                }
                if (closing) {
                    if (open.isEmpty() || !open.peek().equals(name)) {
                        throw entities("Unmatched end tag at byte offset " + offset(text, i) + ", expected \"</"
                                + (open.isEmpty() ? "" : open.peek()) + ">\", found \"</" + name + ">\"");
                    }
                    open.pop();
                } else {
                    open.push(name);
                }
                i = end + 1;
            } else if (c == '&') {
                int semi = text.indexOf(';', i);
                String entity = semi > i && semi - i <= 10 ? text.substring(i + 1, semi) : null;
                String decoded = entity == null ? null : decode(entity);
                if (decoded == null) {
                    out.append('&');
                    i++;
                } else {
                    out.append(decoded);
                    i = semi + 1;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw entities("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return out.toString();
    }

    private static String decode(String entity) {
        switch (entity) {
            case "lt":
                return "<";
            case "gt":
                return ">";
            case "amp":
                return "&";
            case "quot":
                return "\"";
            default:
                break;
        }
        try {
            if (entity.startsWith("#x") || entity.startsWith("#X")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(2), 16)));
            }
            if (entity.startsWith("#")) {
                return new String(Character.toChars(Integer.parseInt(entity.substring(1))));
            }
        } catch (IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static String markdownV2(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int[] markers = new int[128];
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (i + 1 < text.length()) {
                    out.append(text.charAt(i + 1));
                }
                i += 2;
                continue;
            }
            if (c == '*' || c == '_' || c == '~' || c == '`') {
                markers[c]++;
                i++;
            } else if (c == '|' && i + 1 < text.length() && text.charAt(i + 1) == '|') {
                markers['|']++;
                i += 2;
            } else if (c == '>' && (i == 0 || text.charAt(i - 1) == '\n')) {
                i++; // block quotation mark at the start of a line
            } else if (c == '[') {
                markers['[']++;
                i++;
            } else if (c == ']') {
                if (markers['['] == 0) {
                    throw reserved(c);
                }
                markers['[']--;
                i++;
                if (i < text.length() && text.charAt(i) == '(') {
                    int close = text.indexOf(')', i);
                    if (close < 0) {
                        throw entities("Can't find end of a url at byte offset " + offset(text, i));
                    }
                    i = close + 1;
                }
            } else if (MARKDOWN_V2_RESERVED.indexOf(c) >= 0) {
                throw reserved(c);
            } else {
                out.append(c);
                i++;
            }
        }
        for (char m : new char[] {'*', '_', '~', '`', '|'}) {
            if (markers[m] % 2 != 0) {
                throw entities("Can't find end of the entity starting at byte offset " + offset(text, text.lastIndexOf(m)));
            }
        }
        if (markers['['] != 0) {
            throw entities("Can't find end of the entity starting at byte offset " + offset(text, text.lastIndexOf('[')));
        }
        return out.toString();
    }

    private static String markdown(String text) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c == '*' || c == '_' || c == '`') {
                i++;
            } else if (c == ']' && i + 1 < text.length() && text.charAt(i + 1) == '(') {
                int close = text.indexOf(')', i);
                i = close < 0 ? text.length() : close + 1;
            } else if (c == '[') {
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static BotApiException reserved(char c) {
        return entities("Character '" + c + "' is reserved and must be escaped with the preceding '\\'");
    }

    private static BotApiException entities(String detail) {
        return BotApiException.badRequest("can't parse entities: " + detail);
    }

    private static int offset(String text, int charIndex) {
        return text.substring(0, Math.max(0, charIndex)).getBytes(StandardCharsets.UTF_8).length;
    }
}
