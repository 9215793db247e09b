package ru.getmark.support.email.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A structured header value with parameters ({@code Content-Type}, {@code Content-Disposition}), parsed leniently:
 * quoted and unquoted values, RFC 2231 extended and continued parameters ({@code filename*0*=utf-8''%D0%9E...}),
 * and the RFC 2047 encoded words Outlook puts into {@code name="=?utf-8?B?...?="} anyway.
 *
 * @param value  the value before the first ';', lower case, trimmed ("text/plain", "attachment")
 * @param params parameters, names lower case, values decoded
 */
public record HeaderValue(String value, Map<String, String> params) {

    public static HeaderValue parse(String raw) {
        if (raw == null) {
            return new HeaderValue("", Map.of());
        }
        List<String> pieces = split(raw);
        String value = pieces.isEmpty() ? "" : pieces.get(0).strip().toLowerCase(Locale.ROOT);
        Map<String, String> simple = new LinkedHashMap<>();
        Map<String, TreeMap<Integer, String[]>> continued = new LinkedHashMap<>();
        for (int i = 1; i < pieces.size(); i++) {
            String piece = pieces.get(i).strip();
            int eq = piece.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            String name = piece.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            String v = unquote(piece.substring(eq + 1).strip());
            boolean extended = name.endsWith("*");
            String base = extended ? name.substring(0, name.length() - 1) : name;
            int star = base.indexOf('*');
            if (star > 0) { // name*0, name*1* ...
                int index;
                try {
                    index = Integer.parseInt(base.substring(star + 1));
                } catch (NumberFormatException e) {
                    continue;
                }
                continued.computeIfAbsent(base.substring(0, star), k -> new TreeMap<>())
                        .put(index, new String[]{v, extended ? "*" : ""});
            } else if (extended) {
                continued.computeIfAbsent(base, k -> new TreeMap<>()).put(0, new String[]{v, "*"});
            } else {
                simple.putIfAbsent(name, v);
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : simple.entrySet()) {
            params.put(e.getKey(), EncodedWords.decode(e.getValue()));
        }
        for (Map.Entry<String, TreeMap<Integer, String[]>> e : continued.entrySet()) {
            params.put(e.getKey(), rfc2231(e.getValue())); // the extended form wins over a plain fallback
        }
        return new HeaderValue(value, params);
    }

    public String param(String name) {
        return params.get(name.toLowerCase(Locale.ROOT));
    }

    private static String rfc2231(TreeMap<Integer, String[]> segments) {
        Charset charset = StandardCharsets.UTF_8;
        boolean charsetRead = false;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (String[] seg : segments.values()) {
            String v = seg[0];
            if (seg[1].equals("*")) {
                if (!charsetRead) {
                    int q1 = v.indexOf('\'');
                    int q2 = q1 < 0 ? -1 : v.indexOf('\'', q1 + 1);
                    if (q2 > 0) {
                        Charset c = Charsets.forLabel(v.substring(0, q1));
                        if (c != null) {
                            charset = c;
                        }
                        v = v.substring(q2 + 1);
                    }
                    charsetRead = true;
                }
                for (int i = 0; i < v.length(); i++) {
                    char c = v.charAt(i);
                    if (c == '%' && i + 2 < v.length() && EncodedWords.hex(v.charAt(i + 1)) >= 0
                            && EncodedWords.hex(v.charAt(i + 2)) >= 0) {
                        bytes.write(EncodedWords.hex(v.charAt(i + 1)) * 16 + EncodedWords.hex(v.charAt(i + 2)));
                        i += 2;
                    } else {
                        bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                    }
                }
            } else {
                bytes.writeBytes(v.getBytes(StandardCharsets.ISO_8859_1));
            }
        }
        return Charsets.decode(bytes.toByteArray(), charset.name());
    }

    /** Splits on ';' outside quotes. */
    private static List<String> split(String raw) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && quoted && i + 1 < raw.length() && raw.charAt(i + 1) == '"') {
                cur.append(c).append(raw.charAt(++i));
            } else if (c == '"') {
                quoted = !quoted;
                cur.append(c);
            } else if (c == ';' && !quoted) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(c);
            }
        }
        out.add(cur.toString());
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            // only \" and \\ are escapes in practice: Windows clients send "C:\Logs\app.log" unescaped
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        if (v.startsWith("\"")) {
            return v.substring(1);
        }
        return v;
    }
}
