package ru.getmark.support.email.corpus;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.util.ByteArrayDataSource;
import jakarta.activation.DataHandler;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.email.domain.TicketDirectory;
import ru.getmark.support.email.domain.TriageRules;

import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static ru.getmark.support.email.corpus.Mails.CP1251;
import static ru.getmark.support.email.corpus.Mails.KOI8_R;
import static ru.getmark.support.email.corpus.Mails.b;
import static ru.getmark.support.email.corpus.Mails.base64;
import static ru.getmark.support.email.corpus.Mails.q;
import static ru.getmark.support.email.corpus.Mails.qp;

/**
 * Realistic raw emails to help@getmark.ru, built by code, each with what must become of it — shared by the domain
 * unit tests (parser + triage) and the runtime's end-to-end test (SMTP into GreenMail, read over IMAP).
 * <p>
 * Shapes: Outlook (HTML, related logos, "От:/Отправлено:" quoting, encoded-word file names, split encoded
 * subjects), Gmail (multipart/alternative, "пн, 23 нояб. 2026 г. в 10:15, ...:" quoting, inline forwards), Thunderbird
 * (format=flowed, "пишет:", "-- " signatures, HTML with embedded images), 1C (windows-1251, 8-bit, mislabelled),
 * The Bat! (KOI8-R), mobile clients (iPhone, Mail.ru, Samsung); forwards as message/rfc822 and inline; attachments
 * (png, log, xlsx, pdf, zip, Cyrillic RFC 2231 names); auto-replies (Auto-Submitted, Exchange, X-Autoreply,
 * bulk, lists, read receipts); bounces (RFC 3464 of our notice and of something else, Exim-style plain text, Russian
 * postmaster); our own notices coming back; missing / wrong ИНН, КПП beside it, third-party ИНН; replies to notices
 * by thread and by subject, from the customer and from strangers; mail over the size limits.
 * <p>
 * For the end-to-end test: deliver {@link Entry#raw()} over SMTP with MAIL FROM = {@link Entry#envelopeFrom()}
 * ("" = the null sender {@code <>}, which GreenMail writes as {@code Return-Path: <>}) to {@link #SUPPORT}; seed
 * the ticket projection with {@link #KNOWN_TICKETS}; configure the limits of {@link #RULES}. Message-IDs are fixed
 * per entry (unique across the corpus); a test that delivers the corpus twice must expect duplicates to collapse.
 */
public final class EmailCorpus {

    /** The support mailbox. */
    public static final String SUPPORT = "help@getmark.ru";
    /** Our Message-ID domain. */
    public static final String OWN_DOMAIN = "getmark.ru";
    /** Limits the corpus assumes: 5 MB per file, 15 MB all files together, 10 files. */
    public static final long MAX_FILE_BYTES = 5L * 1024 * 1024;
    public static final long MAX_MESSAGE_BYTES = 15L * 1024 * 1024;
    public static final int MAX_FILES = 10;
    public static final TriageRules RULES = new TriageRules(Set.of(SUPPORT), OWN_DOMAIN, MAX_FILE_BYTES,
            MAX_MESSAGE_BYTES, MAX_FILES);

    /**
     * A ticket the follow-up entries rely on.
     *
     * @param number        ticket number
     * @param customerEmail the customer's address, or null (registered by phone: only a thread reply attaches)
     * @param inn           the customer's ИНН
     * @param closed        closed for good
     */
    public record KnownTicket(String number, String customerEmail, String inn, boolean closed) {

        public TicketDirectory.KnownTicket asDirectoryEntry() {
            return new TicketDirectory.KnownTicket(number, TicketDirectory.emailSha256(customerEmail), inn, closed);
        }
    }

    public static final List<KnownTicket> KNOWN_TICKETS = List.of(
            new KnownTicket("1042", "buh@romashka.ru", "7707083893", false),
            new KnownTicket("1057", "m.ivanova@severtorg.ru", "5001007329", false),
            new KnownTicket("1063", null, "7801034565", false),
            new KnownTicket("1070", "ip.petrov@yandex.ru", "771234567859", true));

    /** A directory holding {@link #KNOWN_TICKETS}. */
    public static TicketDirectory directory() {
        Map<String, TicketDirectory.KnownTicket> byNumber = KNOWN_TICKETS.stream()
                .collect(Collectors.toMap(KnownTicket::number, KnownTicket::asDirectoryEntry));
        return number -> Optional.ofNullable(byNumber.get(number));
    }

    /**
     * One corpus email.
     *
     * @param name         short id, used in test names
     * @param description  what it is, in a few words
     * @param raw          the message bytes
     * @param sender       the From address
     * @param envelopeFrom MAIL FROM for SMTP delivery ("" = null sender)
     * @param expected     what must become of it
     */
    public record Entry(String name, String description, byte[] raw, String sender, String envelopeFrom,
                        Expected expected) {

        /** "name: description" (the parameterised tests' display name). */
        @Override
        public String toString() {
            return name + ": " + description;
        }
    }

    private static volatile List<Entry> all;

    private EmailCorpus() {
    }

    /** Every entry, in a stable order. */
    public static List<Entry> all() {
        List<Entry> entries = all;
        if (entries == null) {
            entries = Collections.unmodifiableList(build());
            all = entries;
        }
        return entries;
    }

    /** One entry by name. */
    public static Entry entry(String name) {
        return all().stream().filter(e -> e.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no corpus entry " + name));
    }

    /** Entries by name. */
    public static Map<String, Entry> byName() {
        return all().stream().collect(Collectors.toMap(Entry::name, Function.identity()));
    }

    private static List<Entry> build() {
        List<Entry> list = new ArrayList<>();
        NewRequests.add(list);
        Attachments.add(list);
        Automatic.add(list);
        Replies.add(list);
        Rejections.add(list);
        return list;
    }

    // ---- small shared helpers -------------------------------------------------------------------------------

    static Entry entry(String name, String description, byte[] raw, String sender, Expected expected) {
        return new Entry(name, description, raw, sender, sender, expected);
    }

    static Entry nullSender(String name, String description, byte[] raw, String sender, Expected expected) {
        return new Entry(name, description, raw, sender, "", expected);
    }

    /** A text block with LF line ends as CRLF bytes in a charset. */
    static byte[] text(String block, Charset charset) {
        return block.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(charset);
    }

    static byte[] text(String block) {
        return text(block, StandardCharsets.UTF_8);
    }

    static InternetAddress address(String address, String personal) {
        try {
            return new InternetAddress(address, personal, StandardCharsets.UTF_8.name());
        } catch (UnsupportedEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static MimeBodyPart textPart(String text, String subtype) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, StandardCharsets.UTF_8.name(), subtype);
        return part;
    }

    static MimeBodyPart filePart(byte[] content, String type, String fileName) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setDataHandler(new DataHandler(new ByteArrayDataSource(content, type)));
        part.setFileName(fileName);
        part.setDisposition(MimeBodyPart.ATTACHMENT);
        return part;
    }

    static Date date(String rfc5322) {
        try {
            return new jakarta.mail.internet.MailDateFormat().parse(rfc5322);
        } catch (java.text.ParseException e) {
            throw new IllegalStateException(e);
        }
    }

    static void to(MimeMessage m) throws MessagingException {
        m.setRecipient(Message.RecipientType.TO, new InternetAddress(SUPPORT));
    }

    // Shared literals used across the groups.
    static final String NOTICE_1042 = "<notice.information_request.1042.7f3c2a9e-1b4d-4c8a-9e2f-5a6b7c8d9e0f@getmark.ru>";
    static final String REG_1042 = "<notice.registration.1042.5e0c1d2b-3a4f-4e5d-8c7b-6a5f4e3d2c1b@getmark.ru>";
    static final String SOLUTION_1057 = "<notice.solution.1057.9d1e2f3a-4b5c-4d6e-8f7a-1b2c3d4e5f6a@getmark.ru>";
    static final String REG_1057 = "<notice.registration.1057.0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d@getmark.ru>";
    static final String INFO_1063 = "<notice.information_request.1063.c4d5e6f7-a8b9-4c0d-9e1f-2a3b4c5d6e7f@getmark.ru>";
    static final String SOLUTION_1070 = "<notice.solution.1070.e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b@getmark.ru>";

    static String root(String ticket) {
        return "<ticket." + ticket + "@getmark.ru>";
    }

    static String enc(String text) {
        return b(text, StandardCharsets.UTF_8);
    }

    static String b64(String text) {
        return base64(text, StandardCharsets.UTF_8);
    }

    static String qpUtf8(String text) {
        return qp(text, StandardCharsets.UTF_8);
    }

    static String cp1251(String text) {
        return b(text, CP1251);
    }

    static String koi8(String text) {
        return q(text, KOI8_R);
    }

    static Expected bug(Expected e, String process, Impact impact) {
        return e.classified(TicketType.SOFTWARE_BUG, process, impact);
    }

    static final RejectedIntake.Reason MISSING = RejectedIntake.Reason.MISSING_INN;
    static final RejectedIntake.Reason INVALID = RejectedIntake.Reason.INVALID_INN;
    static final RejectedIntake.Reason TOO_LARGE = RejectedIntake.Reason.TOO_LARGE;
}
