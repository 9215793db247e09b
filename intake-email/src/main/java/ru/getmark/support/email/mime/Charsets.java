package ru.getmark.support.email.mime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Map;

/**
 * Text bytes to Java strings the way Russian mail needs it: the declared charset is a hint, not the truth. 1C and
 * old clients send windows-1251 or KOI8-R labelled as nothing, as us-ascii or as iso-8859-1, and now and then one
 * labelled as the other; UTF-8 is recognised by its own validity. Single-byte Cyrillic is told apart by letter case:
 * Russian prose is mostly lower case, which windows-1251 puts in 0xE0–0xFF and KOI8-R in 0xC0–0xDF.
 */
public final class Charsets {

    public static final Charset CP1251 = Charset.forName("windows-1251");
    public static final Charset KOI8_R = Charset.forName("KOI8-R");

    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("utf8", "UTF-8"), Map.entry("utf-8", "UTF-8"), Map.entry("unicode-1-1-utf-8", "UTF-8"),
            Map.entry("cp1251", "windows-1251"), Map.entry("cp-1251", "windows-1251"),
            Map.entry("win-1251", "windows-1251"), Map.entry("win1251", "windows-1251"),
            Map.entry("windows1251", "windows-1251"), Map.entry("x-cp1251", "windows-1251"),
            Map.entry("windows-1251", "windows-1251"), Map.entry("ms-cyrl", "windows-1251"),
            Map.entry("koi8r", "KOI8-R"), Map.entry("koi8-r", "KOI8-R"), Map.entry("koi8", "KOI8-R"),
            Map.entry("koi8-u", "KOI8-U"), Map.entry("x-koi8-r", "KOI8-R"),
            Map.entry("us-ascii", "US-ASCII"), Map.entry("ascii", "US-ASCII"), Map.entry("ansi_x3.4-1968", "US-ASCII"),
            Map.entry("latin1", "ISO-8859-1"), Map.entry("iso8859-1", "ISO-8859-1"),
            Map.entry("iso-8859-1", "ISO-8859-1"), Map.entry("windows-1252", "windows-1252"),
            Map.entry("cp866", "IBM866"), Map.entry("ibm866", "IBM866"));

    private Charsets() {
    }

    /** The charset a MIME label names, tolerant of the usual misspellings; null when unknown or unsupported. */
    public static Charset forLabel(String label) {
        if (label == null) {
            return null;
        }
        String name = label.strip().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return null;
        }
        String alias = ALIASES.get(name);
        try {
            return Charset.forName(alias != null ? alias : name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /**
     * Decodes text bytes.
     *
     * @param bytes    the (transfer-decoded) bytes
     * @param declared the charset parameter as it came, or null
     */
    public static String decode(byte[] bytes, String declared) {
        if (bytes.length == 0) {
            return "";
        }
        if (isAscii(bytes)) {
            return new String(bytes, StandardCharsets.US_ASCII);
        }
        Charset charset = forLabel(declared);
        String utf8 = strictUtf8(bytes);
        if (charset == null || charset.equals(StandardCharsets.US_ASCII) || charset.equals(StandardCharsets.ISO_8859_1)
                || charset.name().equals("windows-1252")) {
            if (utf8 != null) {
                return utf8;
            }
            if (charset != null && !looksCyrillic(bytes)) {
                return new String(bytes, charset.equals(StandardCharsets.US_ASCII) ? StandardCharsets.ISO_8859_1 : charset);
            }
            return new String(bytes, guessCyrillic(bytes));
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            return utf8 != null ? utf8 : new String(bytes, guessCyrillic(bytes));
        }
        if (charset.equals(CP1251) || charset.equals(KOI8_R) || charset.name().equals("KOI8-U")) {
            if (utf8 != null) {
                return utf8; // labelled single-byte but really UTF-8 (such text is almost never valid UTF-8 by chance)
            }
            Charset guessed = confidentGuess(bytes);
            return new String(bytes, guessed != null ? guessed : charset);
        }
        return new String(bytes, charset);
    }

    /**
     * Repairs a header value that came as raw 8-bit bytes (read as ISO-8859-1 chars, one char per byte): UTF-8 when
     * the bytes are valid UTF-8, else single-byte Cyrillic. Pure ASCII and real Unicode text are returned as is.
     */
    public static String repair8bit(String value) {
        if (value == null) {
            return null;
        }
        boolean high = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF) {
                return value;
            }
            if (c > 0x7F) {
                high = true;
            }
        }
        if (!high) {
            return value;
        }
        byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
        return decode(bytes, null);
    }

    static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /** The bytes as UTF-8 when they are valid UTF-8, else null. */
    static String strictUtf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** True when the high bytes are a large share of the letters: Cyrillic, not a western text with a few umlauts. */
    static boolean looksCyrillic(byte[] bytes) {
        int high = 0;
        int letters = 0;
        for (byte b : bytes) {
            int u = b & 0xFF;
            if (u >= 0xC0) {
                high++;
                letters++;
            } else if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z')) {
                letters++;
            }
        }
        return letters > 0 && high * 10 >= letters * 3;
    }

    /** windows-1251 or KOI8-R, whichever makes most letters lower case (windows-1251 on a tie). */
    public static Charset guessCyrillic(byte[] bytes) {
        int[] counts = caseCounts(bytes);
        return counts[1] > counts[0] ? KOI8_R : CP1251;
    }

    /** A guess only when the evidence is strong: at least 20 letters and three quarters of them in one half. */
    private static Charset confidentGuess(byte[] bytes) {
        int[] counts = caseCounts(bytes);
        int total = counts[0] + counts[1];
        if (total < 20) {
            return null;
        }
        if (counts[0] * 4 >= total * 3) {
            return CP1251;
        }
        if (counts[1] * 4 >= total * 3) {
            return KOI8_R;
        }
        return null;
    }

    /** [bytes in 0xE0–0xFF (cp1251 lower case), bytes in 0xC0–0xDF (KOI8-R lower case)]. */
    private static int[] caseCounts(byte[] bytes) {
        int e0 = 0;
        int c0 = 0;
        for (byte b : bytes) {
            int u = b & 0xFF;
            if (u >= 0xE0) {
                e0++;
            } else if (u >= 0xC0) {
                c0++;
            }
        }
        return new int[]{e0, c0};
    }
}
