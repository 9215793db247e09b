package ru.getmark.support.email.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 2047 encoded words ({@code =?utf-8?B?...?=}) decoded leniently, as real clients write them: adjacent words of
 * the same charset are joined as bytes before decoding (Outlook and others split a UTF-8 character across two
 * words), white space between encoded words is dropped, encoded words glued to text are decoded too, unknown
 * charsets and broken base64 degrade instead of failing, and 8-bit header bytes are repaired first.
 */
public final class EncodedWords {

    private static final Pattern WORD = Pattern.compile("=\\?([^?\\s]+)\\?([BbQq])\\?([^?\\s]*)\\?=");

    private EncodedWords() {
    }

    /** The decoded value of a header (unfolded by the caller or not: folding white space is collapsed). */
    public static String decode(String value) {
        if (value == null) {
            return null;
        }
        String text = Charsets.repair8bit(value).replaceAll("\\r?\\n[ \\t]+", " ").replace("\r", "").replace("\n", "");
        if (!text.contains("=?")) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = WORD.matcher(text);
        int last = 0;
        ByteArrayOutputStream pending = new ByteArrayOutputStream();
        Charset pendingCharset = null;
        while (m.find()) {
            String between = text.substring(last, m.start());
            boolean adjacent = pendingCharset != null && between.isBlank();
            Charset charset = charset(m.group(1));
            byte[] bytes = bytes(m.group(2), m.group(3));
            if (adjacent && charset.equals(pendingCharset)) {
                pending.writeBytes(bytes);
            } else {
                if (pendingCharset != null) {
                    out.append(finish(pending.toByteArray(), pendingCharset));
                    pending.reset();
                }
                if (!adjacent) {
                    out.append(between);
                }
                pending.writeBytes(bytes);
                pendingCharset = charset;
            }
            last = m.end();
        }
        if (pendingCharset != null) {
            out.append(finish(pending.toByteArray(), pendingCharset));
        }
        out.append(text.substring(last));
        return out.toString();
    }

    private static Charset charset(String label) {
        String name = label;
        int star = name.indexOf('*'); // RFC 2231 language suffix: =?utf-8*ru?B?...?=
        if (star >= 0) {
            name = name.substring(0, star);
        }
        Charset charset = Charsets.forLabel(name);
        return charset != null ? charset : StandardCharsets.UTF_8;
    }

    private static String finish(byte[] bytes, Charset charset) {
        return Charsets.decode(bytes, charset.name());
    }

    private static byte[] bytes(String encoding, String text) {
        if (encoding.equalsIgnoreCase("B")) {
            return base64(text);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '_') {
                out.write(' ');
            } else if (c == '=' && i + 2 < text.length()
                    && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                out.write(hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
                i += 2;
            } else {
                out.write(c > 0xFF ? '?' : c);
            }
        }
        return out.toByteArray();
    }

    /** Lenient base64: characters outside the alphabet skipped, missing padding tolerated. */
    public static byte[] base64(String text) {
        StringBuilder clean = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/') {
                clean.append(c);
            }
        }
        int rest = clean.length() % 4;
        if (rest == 1) {
            clean.setLength(clean.length() - 1);
        } else if (rest > 0) {
            clean.append("=".repeat(4 - rest));
        }
        try {
            return Base64.getDecoder().decode(clean.toString());
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        return -1;
    }
}
