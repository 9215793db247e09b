package ru.getmark.support.email.domain;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MailDateFormat;
import ru.getmark.support.email.mime.Charsets;
import ru.getmark.support.email.mime.EncodedWords;
import ru.getmark.support.email.mime.HeaderBlock;
import ru.getmark.support.email.mime.HtmlText;
import ru.getmark.support.email.mime.MimePart;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the raw bytes of an email (RFC 5322 + MIME, as real clients send it) into a {@link ParsedEmail}: decoded
 * headers, one readable text, every file, and the delivery report of a bounce.
 * <p>
 * What it copes with, because Russian companies' mail does all of it: multipart/alternative (text/plain preferred,
 * HTML converted when it is the only text), mixed and related (inline images become attachments), forwards as
 * message/rfc822 (their text appended after a "Пересланное сообщение" block, their files collected), base64 and
 * quoted-printable (lenient), format=flowed, RFC 2047 headers (split multi-byte characters too) and RFC 2231 file
 * names, UTF-8 / windows-1251 / KOI8-R with missing or wrong labels and raw 8-bit headers, RFC 3464 reports and
 * the plain-text bounces of MTAs that do not follow it.
 * <p>
 * Pure Java, no I/O, stateless and thread-safe. The MIME structure is read by the {@code mime} package (hand-rolled
 * and lenient); Jakarta Mail only parses address lists and dates.
 */
public final class EmailParser {

    /** The line a forwarded message's block starts with, in the text (triage keeps it, it is not quoted history). */
    public static final String FORWARD_MARK = "-------- Пересланное сообщение --------";

    private static final int MAX_DEPTH = 12;
    private static final int MAX_DIAGNOSTIC = 500;
    private static final Set<String> SIGNATURES = Set.of("application/pkcs7-signature",
            "application/x-pkcs7-signature", "application/pgp-signature");
    private static final Pattern BOUNCE_SENDER = Pattern.compile("^(mailer-daemon|postmaster|mail-daemon|"
            + "mailerdaemon|mdaemon|bounce[s]?|mail\\.delivery\\.system)@", Pattern.CASE_INSENSITIVE);
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile("undeliver|delivery status notification|"
            + "delivery failure|mail delivery failed|returned mail|failure notice|недоставлен|не доставлен|"
            + "не удалось доставить|ошибка доставки", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern ANGLE_ID = Pattern.compile("<[^<>\\s]+@[^<>\\s]+>");
    private static final Pattern STATUS = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final Pattern SMTP_CODE = Pattern.compile("\\b[45]\\d\\d\\b");
    private static final Pattern ADDRESS = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
    private static final Pattern HEADER_LINE = Pattern.compile(
            "(?im)^[ \\t>]*(Message-ID|In-Reply-To|References)[ \\t]*:[ \\t]*(.*(?:\\n[ \\t]+.*)*)");

    /**
     * Parses one message.
     *
     * @param raw the message exactly as the server holds it
     * @throws EmailParseException (unchecked) when the bytes are not an email: null, empty, or no header block
     */
    public ParsedEmail parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            throw new EmailParseException("empty message");
        }
        MimePart root;
        try {
            root = MimePart.parse(raw);
        } catch (RuntimeException e) {
            throw new EmailParseException("unreadable message: " + e.getMessage(), e);
        }
        HeaderBlock headers = root.headers();
        if (headers.isEmpty() || (headers.first("from") == null && headers.first("message-id") == null
                && headers.first("content-type") == null && headers.first("subject") == null
                && headers.first("date") == null)) {
            throw new EmailParseException("no RFC 5322 header block");
        }
        Collector c = new Collector();
        try {
            walk(root, c, 0, true);
        } catch (RuntimeException e) {
            throw new EmailParseException("unreadable MIME structure: " + e.getMessage(), e);
        }
        Map<String, List<String>> decoded = headers.decoded();
        List<Mailbox> fromList = addresses(headers.first("from"));
        Mailbox from = fromList.isEmpty() ? addressesFirst(headers.first("sender")) : fromList.get(0);
        String subject = headers.decoded("subject");
        subject = subject == null ? "" : subject.strip();
        List<Mailbox> to = new ArrayList<>(addresses(headers.first("to")));
        to.addAll(addresses(headers.first("cc")));
        String text = c.text();
        DeliveryReport report = c.report;
        if (report == null && !c.mdn && looksLikeBounce(from, subject, headers)) {
            report = plainBounce(text, c.returnedHeaders);
        }
        return new ParsedEmail(
                messageId(headers.first("message-id")),
                sha256(raw),
                from,
                List.copyOf(addresses(headers.first("reply-to"))),
                List.copyOf(to),
                subject,
                date(headers.decoded("date")),
                trimToNull(headers.decoded("in-reply-to")),
                trimToNull(headers.decoded("references")),
                decoded,
                text,
                c.htmlOnly(),
                List.copyOf(c.attachments),
                report,
                raw.length);
    }

    // ---- MIME walk ------------------------------------------------------------------------------------------

    private void walk(MimePart part, Collector c, int depth, boolean wantText) {
        if (depth > MAX_DEPTH) {
            return;
        }
        String type = part.type();
        if (type.equals("multipart/alternative")) {
            List<MimePart> children = part.children();
            MimePart chosen = chooseAlternative(children);
            for (MimePart child : children) {
                walk(child, c, depth + 1, wantText && child == chosen);
            }
        } else if (type.equals("multipart/related")) {
            List<MimePart> children = part.children();
            MimePart rootPart = children.isEmpty() ? null : children.get(0);
            String start = part.contentType().param("start");
            if (start != null) {
                String id = start.strip().replaceAll("^<|>$", "");
                for (MimePart child : children) {
                    if (id.equals(child.contentId())) {
                        rootPart = child;
                    }
                }
            }
            for (MimePart child : children) {
                if (child == rootPart) {
                    walk(child, c, depth + 1, wantText);
                } else {
                    addAttachment(child, c, true, depth + 1);
                }
            }
        } else if (type.equals("multipart/report")) {
            report(part, c, depth, wantText);
        } else if (part.isMultipart()) {
            List<MimePart> children = part.children();
            if (children.isEmpty()) {
                // no usable boundary: whatever is there is shown as text rather than lost
                if (wantText) {
                    c.texts.add(HtmlText.tidy(part.text()));
                    c.plain = true;
                }
                return;
            }
            for (MimePart child : children) {
                walk(child, c, depth + 1, wantText);
            }
        } else if (type.equals("message/rfc822") || type.equals("message/global")) {
            forward(part, c, depth);
        } else if (type.equals("text/rfc822-headers")) {
            if (c.returnedHeaders == null) {
                c.returnedHeaders = HeaderBlock.read(part.body());
            }
        } else if ((type.equals("text/plain") || type.equals("text/html")) && isBodyText(part)) {
            if (wantText) {
                c.addText(type, part);
            }
        } else if (SIGNATURES.contains(type)) {
            return; // an S/MIME or PGP signature is not the customer's file
        } else {
            addAttachment(part, c, false, depth);
        }
    }

    /** Plain text when it says something, else HTML (or a related/mixed part holding it), else the last part. */
    private static MimePart chooseAlternative(List<MimePart> children) {
        for (MimePart child : children) {
            if (child.type().equals("text/plain") && isBodyText(child) && !child.text().isBlank()) {
                return child;
            }
        }
        for (int i = children.size() - 1; i >= 0; i--) {
            MimePart child = children.get(i);
            if (child.type().equals("text/html") || child.isMultipart()) {
                return child;
            }
        }
        return children.isEmpty() ? null : children.get(children.size() - 1);
    }

    /** A text part that is the message body, not a file: no attachment disposition and no file name. */
    private static boolean isBodyText(MimePart part) {
        return !part.isAttachmentDisposition() && part.fileName() == null;
    }

    private void forward(MimePart part, Collector c, int depth) {
        MimePart inner = part.enclosed();
        HeaderBlock h = inner.headers();
        if (h.isEmpty()) {
            addAttachment(part, c, false, depth);
            return;
        }
        if (c.returnedHeaders == null) {
            c.returnedHeaders = h;
        }
        Collector sub = new Collector();
        walk(inner, sub, depth + 1, true);
        StringBuilder block = new StringBuilder(FORWARD_MARK).append('\n');
        appendField(block, "От", h.decoded("from"));
        appendField(block, "Дата", h.decoded("date"));
        appendField(block, "Тема", h.decoded("subject"));
        appendField(block, "Кому", h.decoded("to"));
        String text = sub.text();
        if (!text.isBlank()) {
            block.append('\n').append(text);
        }
        c.forwards.add(block.toString());
        c.attachments.addAll(sub.attachments);
    }

    private static void appendField(StringBuilder block, String label, String value) {
        if (value != null && !value.isBlank()) {
            block.append(label).append(": ").append(value.strip()).append('\n');
        }
    }

    private void addAttachment(MimePart part, Collector c, boolean relatedResource, int depth) {
        if (part.isMultipart()) {
            // a multipart inside related (rare): its leaves are resources too
            if (depth < MAX_DEPTH) {
                for (MimePart child : part.children()) {
                    addAttachment(child, c, relatedResource, depth + 1);
                }
            }
            return;
        }
        byte[] content = part.body();
        String type = part.type();
        String name = part.fileName();
        if (name == null) {
            c.unnamed++;
            name = (type.startsWith("image/") ? "image" : "attachment") + c.unnamed + "." + extension(type);
        }
        String contentId = part.contentId();
        boolean inline = part.disposition().equals("inline")
                || (part.disposition().isEmpty() && (contentId != null || relatedResource));
        c.attachments.add(new ParsedAttachment(name, type, content, inline, contentId));
    }

    private static String extension(String type) {
        return switch (type) {
            case "image/jpeg", "image/jpg", "image/pjpeg" -> "jpg";
            case "image/png" -> "png";
            case "image/gif" -> "gif";
            case "image/bmp" -> "bmp";
            case "image/webp" -> "webp";
            case "application/pdf" -> "pdf";
            case "application/zip", "application/x-zip-compressed" -> "zip";
            case "text/plain" -> "txt";
            case "text/html" -> "html";
            case "text/csv" -> "csv";
            case "text/calendar" -> "ics";
            case "message/rfc822" -> "eml";
            case "application/xml", "text/xml" -> "xml";
            default -> "bin";
        };
    }

    // ---- reports --------------------------------------------------------------------------------------------

    private void report(MimePart part, Collector c, int depth, boolean wantText) {
        String reportType = part.contentType().param("report-type");
        boolean dsn = reportType == null || reportType.toLowerCase(Locale.ROOT).contains("delivery-status");
        if (!dsn) {
            c.mdn = true;
        }
        HeaderBlock status = null;
        HeaderBlock returned = null;
        String human = null;
        for (MimePart child : part.children()) {
            String type = child.type();
            if (type.equals("message/delivery-status") || type.equals("message/global-delivery-status")) {
                status = HeaderBlock.readAll(child.text());
            } else if (type.equals("message/rfc822") || type.equals("message/global")) {
                returned = child.enclosed().headers();
            } else if (type.equals("text/rfc822-headers") || type.equals("message/rfc822-headers")) {
                returned = HeaderBlock.read(child.body());
            } else if (human == null && (type.startsWith("text/") || child.isMultipart())) {
                Collector sub = new Collector();
                walk(child, sub, depth + 1, true);
                human = sub.text();
                if (wantText) {
                    c.texts.add(human);
                    c.plain |= !sub.htmlOnly();
                    c.html |= sub.htmlOnly();
                }
            } else if (type.equals("message/disposition-notification")) {
                if (wantText) {
                    c.texts.add(child.text());
                    c.plain = true;
                }
            }
        }
        if (!dsn) {
            return;
        }
        String recipient = null;
        String statusCode = null;
        String diagnostic = null;
        if (status != null) {
            recipient = afterSemicolon(firstNonNull(status.decoded("final-recipient"),
                    status.decoded("original-recipient")));
            statusCode = trimToNull(status.decoded("status"));
            diagnostic = afterSemicolon(status.decoded("diagnostic-code"));
        }
        if (diagnostic == null && human != null) {
            diagnostic = diagnosticFrom(human);
        }
        c.report = returned != null
                ? new DeliveryReport(messageId(returned.first("message-id")), references(returned), recipient,
                statusCode, shorten(diagnostic))
                : idsFromText(human == null ? "" : human, recipient, statusCode, shorten(diagnostic));
    }

    /** A bounce that is not RFC 3464: from mailer-daemon / postmaster, or an empty Return-Path and a bounce subject. */
    private static boolean looksLikeBounce(Mailbox from, String subject, HeaderBlock headers) {
        if (from != null && BOUNCE_SENDER.matcher(from.address()).find()) {
            return true;
        }
        String returnPath = headers.first("return-path");
        boolean nullSender = returnPath != null && returnPath.replaceAll("\\s", "").equals("<>");
        return nullSender && BOUNCE_SUBJECT.matcher(subject).find();
    }

    private static DeliveryReport plainBounce(String text, HeaderBlock returned) {
        Matcher status = STATUS.matcher(text);
        String statusCode = status.find() ? status.group(1) : null;
        String diagnostic = shorten(diagnosticFrom(text));
        String recipient = null;
        Matcher address = ADDRESS.matcher(text);
        while (address.find()) {
            String a = address.group();
            if (!BOUNCE_SENDER.matcher(a).find()) {
                recipient = a.toLowerCase(Locale.ROOT);
                break;
            }
        }
        if (returned != null && !returned.isEmpty()) {
            return new DeliveryReport(messageId(returned.first("message-id")), references(returned), recipient,
                    statusCode, diagnostic);
        }
        return idsFromText(text, recipient, statusCode, diagnostic);
    }

    /** Message-ID, In-Reply-To and References lines quoted in a bounce's text (Exim, qmail, Exchange copy them). */
    private static DeliveryReport idsFromText(String text, String recipient, String status, String diagnostic) {
        String messageId = null;
        List<String> refs = new ArrayList<>();
        Matcher m = HEADER_LINE.matcher(text.replace("\r", ""));
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            Matcher id = ANGLE_ID.matcher(m.group(2));
            if (name.equals("message-id")) {
                if (messageId == null && id.find()) {
                    messageId = id.group();
                }
            } else {
                while (id.find()) {
                    refs.add(id.group());
                }
            }
        }
        return new DeliveryReport(messageId, refs.isEmpty() ? null : String.join(" ", refs), recipient, status,
                diagnostic);
    }

    private static String references(HeaderBlock h) {
        String joined = String.join(" ", nonNull(h.decoded("in-reply-to")), nonNull(h.decoded("references"))).strip();
        return joined.isEmpty() ? null : joined;
    }

    /** The line of a human-readable bounce that says what went wrong. */
    private static String diagnosticFrom(String text) {
        String fallback = null;
        for (String line : text.split("\n")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith(">")) {
                continue;
            }
            if (SMTP_CODE.matcher(l).find() || STATUS.matcher(l).find()) {
                return l;
            }
            if (fallback == null) {
                fallback = l;
            }
        }
        return fallback;
    }

    // ---- headers --------------------------------------------------------------------------------------------

    private static String messageId(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String value = raw.strip();
        Matcher m = ANGLE_ID.matcher(value);
        if (m.find()) {
            return m.group();
        }
        Matcher bare = Pattern.compile("<([^<>]+)>").matcher(value);
        if (bare.find() && !bare.group(1).isBlank()) {
            return "<" + bare.group(1).strip() + ">";
        }
        return "<" + value.replaceAll("[\\s<>]", "") + ">";
    }

    /** Parses an address list leniently; display names decoded. */
    static List<Mailbox> addresses(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        String value = Charsets.repair8bit(raw).strip();
        List<Mailbox> out = new ArrayList<>();
        try {
            for (InternetAddress a : InternetAddress.parseHeader(value, false)) {
                String address = a.getAddress();
                if (address == null || address.isBlank()) {
                    continue;
                }
                if (!ADDRESS.matcher(address.strip()).matches()) {
                    Matcher m = ADDRESS.matcher(address);
                    if (!m.find()) {
                        continue;
                    }
                    address = m.group();
                }
                String personal = a.getPersonal();
                if (personal != null && personal.contains("=?")) {
                    personal = EncodedWords.decode(personal);
                }
                out.add(new Mailbox(normaliseAddress(address), blankToNull(personal)));
            }
        } catch (AddressException e) {
            Matcher m = ADDRESS.matcher(value);
            while (m.find()) {
                out.add(new Mailbox(normaliseAddress(m.group()), null));
            }
        }
        return out;
    }

    private static Mailbox addressesFirst(String raw) {
        List<Mailbox> list = addresses(raw);
        return list.isEmpty() ? null : list.get(0);
    }

    private static String normaliseAddress(String address) {
        String a = address.strip();
        int at = a.lastIndexOf('@');
        return at < 0 ? a : a.substring(0, at) + "@" + a.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    private static Instant date(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            Date d = new MailDateFormat().parse(value.strip());
            return d == null ? null : d.toInstant();
        } catch (ParseException | RuntimeException e) {
            return null;
        }
    }

    // ---- small helpers --------------------------------------------------------------------------------------

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String afterSemicolon(String value) {
        if (value == null) {
            return null;
        }
        int semi = value.indexOf(';');
        return trimToNull(semi >= 0 ? value.substring(semi + 1) : value);
    }

    private static String shorten(String s) {
        if (s == null) {
            return null;
        }
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() <= MAX_DIAGNOSTIC ? one : one.substring(0, MAX_DIAGNOSTIC - 1) + "…";
    }

    private static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** What the walk found: texts in order, forwarded blocks, files, the report. */
    private static final class Collector {
        final List<String> texts = new ArrayList<>();
        final List<String> forwards = new ArrayList<>();
        final List<ParsedAttachment> attachments = new ArrayList<>();
        DeliveryReport report;
        HeaderBlock returnedHeaders;
        boolean plain;
        boolean html;
        boolean mdn;
        int unnamed;

        void addText(String type, MimePart part) {
            if (type.equals("text/html")) {
                texts.add(HtmlText.toText(part.text()));
                html = true;
            } else {
                String format = part.contentType().param("format");
                String text = part.text();
                if (format != null && format.equalsIgnoreCase("flowed")) {
                    text = unflow(text, "yes".equalsIgnoreCase(part.contentType().param("delsp")));
                }
                texts.add(HtmlText.tidy(text));
                plain = true;
            }
        }

        boolean htmlOnly() {
            return html && !plain;
        }

        String text() {
            List<String> all = new ArrayList<>();
            for (String t : texts) {
                if (!t.isBlank()) {
                    all.add(t.strip());
                }
            }
            all.addAll(forwards);
            return HtmlText.tidy(String.join("\n\n", all));
        }
    }

    /** RFC 3676 format=flowed: a line ending in a space continues on the next line of the same quote depth. */
    static String unflow(String text, boolean delsp) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        StringBuilder out = new StringBuilder();
        StringBuilder current = null;
        int currentDepth = 0;
        for (String raw : lines) {
            int depth = 0;
            while (depth < raw.length() && raw.charAt(depth) == '>') {
                depth++;
            }
            String content = raw.substring(depth);
            if (content.startsWith(" ")) {
                content = content.substring(1); // space-stuffing
            }
            if (current != null && depth == currentDepth) {
                current.append(content);
            } else {
                if (current != null) {
                    out.append(quote(currentDepth)).append(current).append('\n');
                }
                current = new StringBuilder(content);
                currentDepth = depth;
            }
            boolean soft = content.endsWith(" ") && !content.equals("-- ");
            if (!soft) {
                out.append(quote(currentDepth)).append(current).append('\n');
                current = null;
            } else if (delsp) {
                current.setLength(current.length() - 1);
            }
        }
        if (current != null) {
            out.append(quote(currentDepth)).append(current).append('\n');
        }
        return out.toString();
    }

    private static String quote(int depth) {
        return depth == 0 ? "" : ">".repeat(depth) + " ";
    }
}
