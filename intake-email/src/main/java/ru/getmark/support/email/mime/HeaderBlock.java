package ru.getmark.support.email.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A header block read by hand from raw bytes (RFC 5322 §2.2): names, unfolded raw values (bytes as ISO-8859-1
 * chars, so that 8-bit headers can be repaired later), and where the body starts. Used for the top-level message,
 * for delivery-status fields and for returned headers; tolerant of LF-only line ends and of an mbox "From " line.
 */
public final class HeaderBlock {

    private static final Pattern NAME = Pattern.compile("[!-9;-~]+");

    private final List<Map.Entry<String, String>> fields;
    private final int bodyOffset;

    private HeaderBlock(List<Map.Entry<String, String>> fields, int bodyOffset) {
        this.fields = fields;
        this.bodyOffset = bodyOffset;
    }

    /** Reads the header block at the start of {@code raw}. */
    public static HeaderBlock read(byte[] raw) {
        String text = new String(raw, 0, headerEnd(raw), StandardCharsets.ISO_8859_1);
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        int pos = 0;
        int n = text.length();
        if (text.startsWith("From ")) { // mbox separator line
            int eol = text.indexOf('\n');
            pos = eol < 0 ? n : eol + 1;
        }
        String name = null;
        StringBuilder value = null;
        while (pos < n) {
            int eol = text.indexOf('\n', pos);
            int next = eol < 0 ? n : eol + 1;
            String line = text.substring(pos, eol < 0 ? n : eol);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                pos = next;
                break;
            }
            if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && name != null) {
                value.append(' ').append(line.strip());
            } else {
                int colon = line.indexOf(':');
                if (colon <= 0 || !NAME.matcher(line.substring(0, colon).strip()).matches()) {
                    if (name == null && fields.isEmpty()) {
                        break; // not a header at all: the caller decides whether that is garbage
                    }
                    pos = next;
                    continue; // a broken line inside the block: skipped
                }
                if (name != null) {
                    fields.add(Map.entry(name, value.toString().strip()));
                }
                name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                value = new StringBuilder(line.substring(colon + 1).strip());
            }
            pos = next;
        }
        if (name != null) {
            fields.add(Map.entry(name, value.toString().strip()));
        }
        return new HeaderBlock(fields, Math.min(pos, n));
    }

    /** The offset just past the blank line that ends the header block (or the end): only that much is decoded. */
    private static int headerEnd(byte[] raw) {
        for (int i = 0; i + 1 < raw.length; i++) {
            if (raw[i] == '\n') {
                if (raw[i + 1] == '\n') {
                    return i + 2;
                }
                if (raw[i + 1] == '\r' && i + 2 < raw.length && raw[i + 2] == '\n') {
                    return i + 3;
                }
            }
        }
        return raw.length;
    }

    /** Reads header fields from a decoded text (delivery-status groups, returned headers); blank lines separate nothing. */
    public static HeaderBlock readAll(String text) {
        List<Map.Entry<String, String>> fields = new ArrayList<>();
        for (String group : text.replace("\r", "").split("\n\\s*\n")) {
            fields.addAll(read(group.strip().getBytes(StandardCharsets.UTF_8)).fields);
        }
        return new HeaderBlock(fields, text.length());
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }

    /** Raw values (undecoded), in order. */
    public List<Map.Entry<String, String>> fields() {
        return fields;
    }

    /** The first raw value of a header, or null. */
    public String first(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> f : fields) {
            if (f.getKey().equals(lower)) {
                return f.getValue();
            }
        }
        return null;
    }

    /** The first value of a header decoded (RFC 2047, 8-bit repaired), or null. */
    public String decoded(String name) {
        String raw = first(name);
        return raw == null ? null : EncodedWords.decode(raw);
    }

    /** Every header decoded (RFC 2047, 8-bit repaired), names lower case, in order of appearance. */
    public Map<String, List<String>> decoded() {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : fields) {
            map.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(EncodedWords.decode(f.getValue()));
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return map;
    }

    /** Where the body starts in the raw bytes. */
    public int bodyOffset() {
        return bodyOffset;
    }
}
