package ru.getmark.support.email.domain;

import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.common.mail.TicketThread;
import ru.getmark.support.common.process.GetMarkProcess;
import ru.getmark.support.common.process.ProcessDirectory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what one parsed email is. The rules, in this order (the first that applies wins):
 * <ol>
 *   <li><b>Our own mail</b> — From one of {@link TriageRules#ownAddresses()}, or a Message-ID of exactly
 *       {@link TriageRules#ownDomain()} (not a sub-domain: staff mailboxes of a company server use their own host
 *       names) → {@link Verdict.Ignore} {@code OWN_MAIL}. A delivery report is exempt from the Message-ID test (our
 *       own MTA may bounce our notice with an id of our domain).</li>
 *   <li><b>Automatic mail</b> (never answered, R1's "no loop"): RFC 3834 {@code Auto-Submitted} other than
 *       {@code no}; {@code Precedence: bulk|junk|list}; {@code X-Autoreply}, {@code X-Autorespond} and kin;
 *       {@code X-Auto-Response-Suppress} together with an auto-reply subject, or an auto-reply subject on its own
 *       ("Автоматический ответ:", "Automatic reply:", "Out of Office", "Автоответ"); {@code List-Id} or
 *       {@code List-Unsubscribe} (mailing lists and newsletters: a person writing to support does not send through
 *       a list manager, and answering one is spam); empty {@code Return-Path: <>}; mailer-daemon / postmaster
 *       senders; {@code multipart/report} (delivery reports and read receipts); {@code X-Failed-Recipients}.
 *       A bounce whose returned ids name one of our tickets ({@link TicketThread}) →
 *       {@link Verdict.DeliveryFailure}; anything else → {@link Verdict.Ignore} {@code AUTOMATIC}.</li>
 *   <li><b>No sender</b> — no usable From → {@link Verdict.Reject} {@code INVALID_INPUT} without an answer.</li>
 *   <li><b>Too large</b> — more files than {@link TriageRules#maxAttachments()}, a file over
 *       {@link TriageRules#maxAttachmentBytes()}, files together over {@link TriageRules#maxMessageBytes()} →
 *       {@link Verdict.Reject} {@code TOO_LARGE} with an answer naming the limit (follow-ups included).</li>
 *   <li><b>Reply by thread</b> (R4, R11, R12) — In-Reply-To / References name one of our notices
 *       ({@code <notice.<code>.<ticket>.<event>@domain>}, unguessable) → {@link Verdict.FollowUp} byThread; they name
 *       only a thread root ({@code <ticket.<n>@domain>}, guessable) → a follow-up too, unless the ticket is known to
 *       belong to another address (then as a stranger's subject number below). No ИНН needed; headers win over the
 *       subject.</li>
 *   <li><b>Reply by subject</b> — a ticket number in the subject: "Обращение № 1234", "Обращения №1234", "заявка
 *       1234", "ticket #1234", or "№ 1234" / "No. 1234" / "N1234" in a subject with our notices' words ("Информация
 *       о возникновении массовой проблемы № 1234"). A ticket the directory knows whose customer's email hash equals
 *       the sender's → {@link Verdict.FollowUp} (byThread false). A known ticket of another customer, or an unknown
 *       number → a new request whose {@code relatedTicket} is that number (and which needs an ИНН). Any other bare
 *       "№ 1234" ("УПД № 1234 не проходит", "Re: Счёт N 4512") is taken for a ticket only when it is the sender's own
 *       known ticket; otherwise it is a document number and links nothing.</li>
 *   <li><b>New request</b> (R1, R3) — a valid ИНН (see {@link InnFinder}) in the subject, the new text with its
 *       signature, forwarded messages, or (last resort) the quoted history → {@link Verdict.NewRequest} with type,
 *       process and impact when stated; none → {@link Verdict.Reject} {@code MISSING_INN}; only numbers failing the
 *       check → {@code INVALID_INN} naming the problem. Both answers say the request was NOT registered and how to
 *       resend it, and name the other channels.</li>
 * </ol>
 * Pure Java, thread-safe.
 */
public final class EmailTriage {

    /** The support address the answers name (the regulation's). */
    public static final String SUPPORT_ADDRESS = "help@getmark.ru";

    private static final Pattern AUTO_SUBJECT = Pattern.compile(
            "^\\s*(автоматический ответ|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|"
                    + "out of (the )?office|автоответ|нет на месте|вне офиса|i am out of|я в отпуске|"
                    + "отсутствую|нахожусь в отпуске|abwesenheitsnotiz|réponse automatique)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BOUNCE_SENDER = Pattern.compile("^(mailer-daemon|postmaster|mail-daemon|"
            + "mailerdaemon|mail\\.delivery\\.system)@", Pattern.CASE_INSENSITIVE);
    private static final List<String> AUTO_HEADERS = List.of("x-autoreply", "x-autorespond", "x-autoreply-from",
            "x-mail-autoreply", "x-auto-reply", "x-autogenerated", "x-yandex-autoreply", "x-mailru-autoreply");
    private static final Pattern REPLY_PREFIX = Pattern.compile(
            "^\\s*((re|fw|fwd|aw|wg|sv|vs|tr|ответ|отв|пересл|переслано|пересылка|на)\\s*(\\[\\d+\\]|\\(\\d+\\))?"
                    + "\\s*:\\s*)+", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Words of our notices' subjects (NoticeKind titles): a bare "№ 1234" beside them is a ticket number. */
    private static final Pattern NOTICE_WORDS = Pattern.compile("обращени|массов\\p{L}*\\s+проблем",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** "Обращение № 1234", "обращению №1234", "заявка 1234", "ticket #1234". */
    private static final Pattern LABELLED_NUMBER = Pattern.compile(
            "(?<![\\p{L}])(обращени\\p{L}*|заявк\\p{L}*|тикет\\p{L}*|ticket|request)\\s*(№|no\\.?|n|#)?\\s*(\\d{3,18})"
                    + "(?![\\d])", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** "№ 1234", "№1234", "No. 1234", "N1234", "N 1234". */
    private static final Pattern BARE_NUMBER = Pattern.compile(
            "(№|(?<![\\p{L}])No\\.?|(?<![\\p{L}])N)\\s*(\\d{3,18})(?![\\d])", Pattern.UNICODE_CASE);
    private static final Pattern ANGLE_ID = Pattern.compile("<[^<>\\s]+>");

    private final TriageRules rules;
    private final ProcessDirectory processes;

    public EmailTriage(TriageRules rules, ProcessDirectory processes) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.processes = Objects.requireNonNull(processes, "processes");
    }

    /** The verdict for one email; {@code tickets} tells which ticket numbers exist and whose they are. */
    public Verdict triage(ParsedEmail email, TicketDirectory tickets) {
        Objects.requireNonNull(email, "email");
        TicketDirectory directory = tickets == null ? TicketDirectory.empty() : tickets;

        String own = ownMail(email);
        if (own != null) {
            return new Verdict.Ignore(Verdict.Ignore.Cause.OWN_MAIL, own);
        }
        String automatic = automatic(email);
        if (automatic != null) {
            String ticket = bouncedTicket(email);
            if (ticket != null) {
                DeliveryReport r = email.report();
                return new Verdict.DeliveryFailure(ticket, diagnostic(r));
            }
            return new Verdict.Ignore(Verdict.Ignore.Cause.AUTOMATIC, automatic);
        }
        if (email.from() == null) {
            // nobody to answer and no one to register the ticket for; kept on the rejected topic for ops
            return new Verdict.Reject(RejectedIntake.Reason.INVALID_INPUT,
                    "В письме нет адреса отправителя (From): ответить некому.", null);
        }
        Verdict tooLarge = tooLarge(email);
        if (tooLarge != null) {
            return tooLarge;
        }

        ReplyText.Parts parts = ReplyText.split(email.text(), email.subject());
        String senderHash = email.from() == null ? null : TicketDirectory.emailSha256(email.from().address());

        // Replies by thread: headers win over the subject.
        String related = null;
        ThreadRef thread = threadTicket(email);
        if (thread != null) {
            Optional<TicketDirectory.KnownTicket> known = directory.find(thread.ticket());
            boolean someoneElses = !thread.notice() && known.isPresent()
                    && known.get().customerEmailSha256() != null
                    && !known.get().customerEmailSha256().equalsIgnoreCase(nonNull(senderHash));
            if (!someoneElses) {
                return new Verdict.FollowUp(thread.ticket(), true, parts.fresh());
            }
            related = thread.ticket();
        }

        // Replies by subject: only the ticket's own customer attaches to it.
        if (related == null) {
            SubjectRef ref = subjectTicket(email.subject());
            if (ref != null) {
                Optional<TicketDirectory.KnownTicket> known = directory.find(ref.ticket());
                boolean customer = known.isPresent() && known.get().customerEmailSha256() != null
                        && known.get().customerEmailSha256().equalsIgnoreCase(nonNull(senderHash));
                if (customer) {
                    return new Verdict.FollowUp(ref.ticket(), false, parts.fresh());
                }
                if (ref.strong()) {
                    related = ref.ticket();
                }
            }
        }
        return newRequest(email, parts, related);
    }

    // ---- own and automatic mail -------------------------------------------------------------------------------

    private String ownMail(ParsedEmail email) {
        if (email.from() != null) {
            String from = email.from().address().strip().toLowerCase(Locale.ROOT);
            for (String own : rules.ownAddresses()) {
                if (own != null && own.strip().equalsIgnoreCase(from)) {
                    return "from our own address";
                }
            }
        }
        String id = email.messageId();
        if (id != null && email.report() == null && !isBounceSender(email)) {
            int at = id.lastIndexOf('@');
            if (at >= 0) {
                String domain = id.substring(at + 1).replace(">", "").strip();
                if (domain.equalsIgnoreCase(rules.ownDomain())) {
                    return "Message-ID of our own domain";
                }
            }
        }
        return null;
    }

    /** Why the message is automatic, or null when a person wrote it. */
    static String automatic(ParsedEmail email) {
        String autoSubmitted = email.header("auto-submitted");
        if (autoSubmitted != null) {
            String value = autoSubmitted.split(";")[0].strip().toLowerCase(Locale.ROOT);
            if (!value.isEmpty() && !value.equals("no")) {
                return "Auto-Submitted: " + value;
            }
        }
        String precedence = email.header("precedence");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list|auto_reply")) {
            return "Precedence: " + precedence.strip().toLowerCase(Locale.ROOT);
        }
        for (String h : AUTO_HEADERS) {
            if (email.header(h) != null) {
                return h + " header";
            }
        }
        boolean autoSubject = AUTO_SUBJECT.matcher(email.subject() == null ? "" : email.subject()).find();
        if (email.header("x-auto-response-suppress") != null && autoSubject) {
            return "X-Auto-Response-Suppress with an auto-reply subject";
        }
        if (autoSubject) {
            return "auto-reply subject";
        }
        if (email.report() != null) {
            return "delivery report";
        }
        String contentType = email.header("content-type");
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).strip().startsWith("multipart/report")) {
            return "multipart/report";
        }
        if (isBounceSender(email)) {
            return "mailer-daemon / postmaster sender";
        }
        String returnPath = email.header("return-path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "empty Return-Path";
        }
        if (email.header("x-failed-recipients") != null) {
            return "X-Failed-Recipients header";
        }
        if (email.header("list-id") != null) {
            return "mailing list (List-Id)";
        }
        if (email.header("list-unsubscribe") != null) {
            return "bulk mail (List-Unsubscribe)";
        }
        return null;
    }

    private static boolean isBounceSender(ParsedEmail email) {
        return email.from() != null && BOUNCE_SENDER.matcher(email.from().address()).find();
    }

    /** The ticket of our notice a bounce returns, or null. */
    private String bouncedTicket(ParsedEmail email) {
        DeliveryReport r = email.report();
        List<String> candidates = new ArrayList<>();
        if (r != null) {
            candidates.add(r.originalMessageId());
            candidates.add(r.originalReferences());
        }
        if (r != null || isBounceSender(email)) {
            // some MTAs thread the bounce itself to the message that failed
            candidates.add(email.inReplyTo());
            candidates.add(email.references());
        }
        for (String c : candidates) {
            List<String> numbers = TicketThread.ticketNumbers(c, rules.ownDomain());
            if (!numbers.isEmpty()) {
                return numbers.get(0);
            }
        }
        return null;
    }

    private static String diagnostic(DeliveryReport r) {
        if (r == null) {
            return "Письмо не доставлено (отчёт о недоставке без подробностей).";
        }
        StringBuilder s = new StringBuilder();
        if (r.status() != null && (r.diagnostic() == null || !r.diagnostic().contains(r.status()))) {
            s.append(r.status());
        }
        if (r.diagnostic() != null) {
            s.append(s.length() > 0 ? " " : "").append(r.diagnostic());
        }
        if (r.recipient() != null && (r.diagnostic() == null || !r.diagnostic().contains(r.recipient()))) {
            s.append(s.length() > 0 ? " " : "").append("(получатель ").append(r.recipient()).append(')');
        }
        return s.length() == 0 ? "Письмо не доставлено." : s.toString();
    }

    // ---- size limits ------------------------------------------------------------------------------------------

    private Verdict tooLarge(ParsedEmail email) {
        List<ParsedAttachment> files = email.attachments();
        String problem = null;
        if (files.size() > rules.maxAttachments()) {
            problem = "в письме " + files.size() + " " + files(files.size()) + ", а принимается не более "
                    + rules.maxAttachments();
        }
        if (problem == null) {
            for (ParsedAttachment f : files) {
                if (f.size() > rules.maxAttachmentBytes()) {
                    problem = "файл «" + f.fileName() + "» размером " + bytes(f.size())
                            + " больше допустимого размера одного файла (" + bytes(rules.maxAttachmentBytes()) + ")";
                    break;
                }
            }
        }
        if (problem == null) {
            long total = files.stream().mapToLong(ParsedAttachment::size).sum();
            if (total > rules.maxMessageBytes()) {
                problem = "общий размер вложений " + bytes(total) + " больше допустимого ("
                        + bytes(rules.maxMessageBytes()) + ")";
            }
        }
        if (problem == null) {
            return null;
        }
        String detail = "Письмо слишком большое: " + problem + ".";
        String reply = greeting(email)
                + "Ваше обращение НЕ зарегистрировано: " + problem + ".\n\n"
                + "Пожалуйста, отправьте письмо ещё раз на " + SUPPORT_ADDRESS + " с меньшими вложениями: "
                + "не более " + rules.maxAttachments() + " " + files(rules.maxAttachments()) + ", каждый не больше "
                + bytes(rules.maxAttachmentBytes()) + ", все вместе не больше " + bytes(rules.maxMessageBytes())
                + ". Большие файлы можно сжать в архив, разделить на несколько писем или приложить ссылку на файловое "
                + "хранилище. Укажите в письме ИНН вашей организации (10 цифр) или ИП (12 цифр), процесс GetMark, "
                + "которого касается обращение, и опишите, что произошло.\n\n"
                + channels() + footer();
        return new Verdict.Reject(RejectedIntake.Reason.TOO_LARGE, detail, reply);
    }

    private static String files(int n) {
        int mod100 = n % 100;
        int mod10 = n % 10;
        if (mod100 >= 11 && mod100 <= 14) {
            return "файлов";
        }
        return mod10 == 1 ? "файл" : mod10 >= 2 && mod10 <= 4 ? "файла" : "файлов";
    }

    /** "10 МБ", "1,5 МБ", "300 КБ", "12 байт". */
    static String bytes(long n) {
        if (n >= 1024L * 1024) {
            return number(n / (1024.0 * 1024)) + " МБ";
        }
        if (n >= 1024) {
            return number(n / 1024.0) + " КБ";
        }
        return n + " байт";
    }

    private static String number(double v) {
        double rounded = Math.round(v * 10) / 10.0;
        return rounded == Math.rint(rounded) ? Long.toString((long) rounded)
                : String.format(Locale.ROOT, "%.1f", rounded).replace('.', ',');
    }

    // ---- replies ----------------------------------------------------------------------------------------------

    private record ThreadRef(String ticket, boolean notice) {
    }

    private ThreadRef threadTicket(ParsedEmail email) {
        String root = null;
        for (String header : new String[]{email.inReplyTo(), email.references()}) {
            if (header == null) {
                continue;
            }
            Matcher id = ANGLE_ID.matcher(header);
            while (id.find()) {
                List<String> numbers = TicketThread.ticketNumbers(id.group(), rules.ownDomain());
                if (numbers.isEmpty()) {
                    continue;
                }
                if (id.group().toLowerCase(Locale.ROOT).startsWith("<notice.")) {
                    return new ThreadRef(numbers.get(0), true);
                }
                if (root == null) {
                    root = numbers.get(0);
                }
            }
        }
        return root == null ? null : new ThreadRef(root, false);
    }

    private record SubjectRef(String ticket, boolean strong) {
    }

    /** The ticket number a subject names, with whether it is unmistakably a ticket reference. */
    static SubjectRef subjectTicket(String subject) {
        if (subject == null || subject.isBlank()) {
            return null;
        }
        Matcher labelled = LABELLED_NUMBER.matcher(subject);
        if (labelled.find()) {
            return new SubjectRef(labelled.group(3), true);
        }
        Matcher bare = BARE_NUMBER.matcher(subject);
        if (bare.find()) {
            return new SubjectRef(bare.group(2), NOTICE_WORDS.matcher(subject).find());
        }
        return null;
    }

    // ---- new requests -----------------------------------------------------------------------------------------

    private Verdict newRequest(ParsedEmail email, ReplyText.Parts parts, String relatedTicket) {
        String subject = cleanSubject(email.subject());
        InnFinder.Result inn = InnFinder.find(List.of(email.subject() == null ? "" : email.subject(),
                parts.freshWithSignature()), parts.quoted());
        if (!inn.found()) {
            return innReject(email, inn);
        }
        String about = subject + "\n" + parts.fresh();
        TicketType type = Keywords.type(about);
        Impact impact = Keywords.impact(about);
        String process = processes.recognise(about).map(GetMarkProcess::code).orElse(null);
        return new Verdict.NewRequest(inn.inn(), customerName(email), type, process, impact, subject,
                parts.fresh(), relatedTicket);
    }

    private Verdict innReject(ParsedEmail email, InnFinder.Result inn) {
        if (inn.invalid().isEmpty()) {
            String detail = "ИНН не найден в теме и тексте письма.";
            String reply = greeting(email)
                    + "Ваше обращение НЕ зарегистрировано: в письме не указан ИНН.\n\n"
                    + "По регламенту поддержки каждое обращение регистрируется на организацию или ИП по ИНН. "
                    + howToResend() + channels() + footer();
            return new Verdict.Reject(RejectedIntake.Reason.MISSING_INN, detail, reply);
        }
        StringBuilder problems = new StringBuilder();
        for (InnFinder.Candidate c : inn.invalid()) {
            problems.append("- ").append(c.digits()).append(": ")
                    .append(c.problem().map(Inn.Problem::message).orElse("")).append('\n');
        }
        InnFinder.Candidate first = inn.invalid().get(0);
        String detail = "ИНН " + first.digits() + " не прошёл проверку: "
                + first.problem().map(Inn.Problem::message).orElse("") + (inn.invalid().size() > 1
                ? " (и ещё " + (inn.invalid().size() - 1) + ")" : "");
        String reply = greeting(email)
                + "Ваше обращение НЕ зарегистрировано: указанный в письме ИНН не прошёл проверку.\n\n"
                + problems + "\n"
                + "Проверьте ИНН по документам организации. " + howToResend() + channels() + footer();
        return new Verdict.Reject(RejectedIntake.Reason.INVALID_INN, detail, reply);
    }

    private static String greeting(ParsedEmail email) {
        String subject = email.subject() == null || email.subject().isBlank() ? "" : " «" + email.subject().strip()
                + "»";
        return "Здравствуйте!\n\nМы получили ваше письмо" + subject + " в службу поддержки GetMark. ";
    }

    private static String howToResend() {
        return "Чтобы зарегистрировать обращение, отправьте письмо ещё раз на " + SUPPORT_ADDRESS
                + " и укажите в теме или в первой строке письма ИНН вашей организации (10 цифр) или ИП (12 цифр), "
                + "например: «ИНН: ваш ИНН цифрами». Опишите также процесс GetMark, которого касается обращение, что "
                + "произошло (шаги, текст ошибки, название документа) и как это влияет на вашу работу; приложите "
                + "скриншоты или файлы, если они есть. Если вы отвечаете на письмо по уже зарегистрированному "
                + "обращению, сохраните в теме его номер («Обращение № ...»).\n\n";
    }

    private static String channels() {
        return "Также вы можете обратиться в поддержку другим способом:\n"
                + "- Telegram-бот @help_getmark_bot\n"
                + "- WhatsApp +7 925 950-91-18\n"
                + "- телефон 8 800 550-22-79, доб. 2\n\n";
    }

    private static String footer() {
        return "Это письмо отправлено автоматически.\n\nС уважением,\nслужба поддержки GetMark";
    }

    static String cleanSubject(String subject) {
        if (subject == null) {
            return "";
        }
        return REPLY_PREFIX.matcher(subject).replaceFirst("").strip();
    }

    private static String customerName(ParsedEmail email) {
        if (email.from() == null) {
            return "";
        }
        String name = email.from().displayName();
        return name != null && !name.isBlank() ? name.strip() : email.from().address();
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /**
     * The subject of the auto-reply to a rejected email: "Обращение не зарегистрировано: Re: <their subject>". It
     * adds no ticket number of its own, so an answer to it is read like the original (a new request).
     */
    public static String autoReplySubject(ParsedEmail email) {
        String subject = email.subject() == null ? "" : email.subject().strip();
        return subject.isEmpty() ? "Обращение не зарегистрировано" : "Обращение не зарегистрировано: Re: " + subject;
    }
}
