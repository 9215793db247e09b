package ru.getmark.support.email.mime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One MIME entity read by hand from raw bytes: its headers, its content type and disposition, its decoded body and,
 * for a multipart, its children. Hand-rolled rather than Jakarta Mail's {@code MimeMessage} so that every quirk of
 * real mail (missing end boundaries, 8-bit headers, broken base64, junk parameters) degrades gracefully instead of
 * throwing, and so that nothing depends on the activation framework's handler lookup.
 */
public final class MimePart {

    private final HeaderBlock headers;
    private final byte[] rawBody;
    private final HeaderValue contentType;
    private final HeaderValue disposition;

    private MimePart(HeaderBlock headers, byte[] rawBody, String defaultType) {
        this.headers = headers;
        this.rawBody = rawBody;
        String ct = headers.first("content-type");
        HeaderValue parsed = HeaderValue.parse(ct);
        if (ct == null || !parsed.value().contains("/")) {
            parsed = new HeaderValue(defaultType, parsed.params());
        }
        this.contentType = parsed;
        this.disposition = HeaderValue.parse(headers.first("content-disposition"));
    }

    /** A whole message or entity. */
    public static MimePart parse(byte[] raw) {
        return parse(raw, "text/plain");
    }

    static MimePart parse(byte[] raw, String defaultType) {
        HeaderBlock headers = HeaderBlock.read(raw);
        byte[] body = Arrays.copyOfRange(raw, Math.min(headers.bodyOffset(), raw.length), raw.length);
        return new MimePart(headers, body, defaultType);
    }

    public HeaderBlock headers() {
        return headers;
    }

    /** "text/plain", "multipart/mixed" ... lower case. */
    public String type() {
        return contentType.value();
    }

    public HeaderValue contentType() {
        return contentType;
    }

    /** "attachment", "inline" or "" when absent. */
    public String disposition() {
        return disposition.value();
    }

    public boolean isMultipart() {
        return type().startsWith("multipart/");
    }

    /** The file name: disposition's filename, else Content-Type's name; decoded; null when none. */
    public String fileName() {
        String name = disposition.param("filename");
        if (name == null || name.isBlank()) {
            name = contentType.param("name");
        }
        if (name == null || name.isBlank()) {
            return null;
        }
        name = name.strip().replace('\\', '/');
        int slash = name.lastIndexOf('/');
        return slash >= 0 ? name.substring(slash + 1) : name;
    }

    /** Content-ID without angle brackets, or null. */
    public String contentId() {
        String id = headers.first("content-id");
        if (id == null || id.isBlank()) {
            return null;
        }
        return id.strip().replaceAll("^<|>$", "");
    }

    /** The body with the transfer encoding undone. */
    public byte[] body() {
        return TransferEncoding.decode(rawBody, headers.first("content-transfer-encoding"));
    }

    /** The body as text (charset from the Content-Type, checked against the bytes). */
    public String text() {
        return Charsets.decode(body(), contentType.param("charset"));
    }

    /** The parts of a multipart; empty when it has no usable boundary. */
    public List<MimePart> children() {
        String boundary = contentType.param("boundary");
        if (!isMultipart() || boundary == null || boundary.isEmpty()) {
            return List.of();
        }
        String childDefault = type().equals("multipart/digest") ? "message/rfc822" : "text/plain";
        byte[] body = body();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        List<MimePart> parts = new ArrayList<>();
        int start = -1;
        int pos = 0;
        while (pos <= text.length()) {
            int eol = text.indexOf('\n', pos);
            int lineEnd = eol < 0 ? text.length() : eol;
            String line = text.substring(pos, lineEnd);
            if (line.startsWith(delimiter)) {
                String rest = line.substring(delimiter.length()).strip();
                boolean close = rest.startsWith("--");
                if (rest.isEmpty() || close) {
                    if (start >= 0) {
                        int end = pos;
                        // the CRLF before the delimiter belongs to the delimiter
                        if (end > start && text.charAt(end - 1) == '\n') {
                            end--;
                        }
                        if (end > start && text.charAt(end - 1) == '\r') {
                            end--;
                        }
                        parts.add(parse(Arrays.copyOfRange(body, start, Math.max(start, end)), childDefault));
                    }
                    if (close) {
                        start = -1;
                        break;
                    }
                    start = eol < 0 ? text.length() : eol + 1;
                }
            }
            if (eol < 0) {
                break;
            }
            pos = eol + 1;
        }
        if (start >= 0 && start < body.length) { // no closing delimiter: the last part runs to the end
            parts.add(parse(Arrays.copyOfRange(body, start, body.length), childDefault));
        }
        return parts;
    }

    /** For message/rfc822: the enclosed message. */
    public MimePart enclosed() {
        return parse(body());
    }

    public boolean isAttachmentDisposition() {
        return disposition().toLowerCase(Locale.ROOT).equals("attachment");
    }
}
