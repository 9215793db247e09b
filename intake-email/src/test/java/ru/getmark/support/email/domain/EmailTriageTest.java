package ru.getmark.support.email.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.process.ProcessDirectory;
import ru.getmark.support.email.corpus.Mails;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The triage rules one by one, in their order (R1, R3, R4, R5's "never a loop", R11, R12). */
class EmailTriageTest {

    private static final String CUSTOMER = "buh@romashka.ru";
    private static final TriageRules RULES = new TriageRules(Set.of("help@getmark.ru", "notify@getmark.ru"),
            "getmark.ru", 1000, 2500, 3);
    private static final Map<String, TicketDirectory.KnownTicket> KNOWN = Map.of(
            "1042", new TicketDirectory.KnownTicket("1042", TicketDirectory.emailSha256(CUSTOMER), "7707083893", false),
            "1063", new TicketDirectory.KnownTicket("1063", null, "7801034565", false));
    private static final TicketDirectory TICKETS = n -> Optional.ofNullable(KNOWN.get(n));

    private final EmailParser parser = new EmailParser();
    private final EmailTriage triage = new EmailTriage(RULES, ProcessDirectory.builtIn());

    /** A plain UTF-8 email; extra headers as "Name: value". */
    private ParsedEmail mail(String from, String subject, String body, String... headers) {
        List<String> lines = new ArrayList<>();
        lines.add("From: " + from);
        lines.add("To: help@getmark.ru");
        lines.add("Subject: " + Mails.b(subject, StandardCharsets.UTF_8));
        lines.add("Message-ID: <" + Math.abs((from + subject + body).hashCode()) + "@client.example>");
        lines.addAll(List.of(headers));
        lines.add("Content-Type: text/plain; charset=utf-8");
        lines.add("Content-Transfer-Encoding: 8bit");
        lines.add("");
        lines.add(body);
        return parser.parse(Mails.raw(lines.toArray(String[]::new)));
    }

    private Verdict verdict(ParsedEmail email) {
        return triage.triage(email, TICKETS);
    }

    private Verdict verdict(String from, String subject, String body, String... headers) {
        return verdict(mail(from, subject, body, headers));
    }

    @Nested
    @DisplayName("own mail and automatic mail: never a ticket, never an answer")
    class Loops {

        @ParameterizedTest
        @ValueSource(strings = {"help@getmark.ru", "HELP@GetMark.ru", "Поддержка <notify@getmark.ru>"})
        void ownAddresses(String from) {
            assertThat(verdict(from, "Регистрация Обращения № 1042", "ИНН 7707083893"))
                    .isEqualTo(new Verdict.Ignore(Verdict.Ignore.Cause.OWN_MAIL, "from our own address"));
        }

        @Test
        void ownMessageIdDomainExactlyNotSubdomains() {
            ParsedEmail own = parser.parse(Mails.raw("From: someone@x.ru", "Message-ID: <abc@getmark.ru>",
                    "Subject: x", "", "ИНН 7707083893"));
            assertThat(verdict(own)).isInstanceOf(Verdict.Ignore.class);
            ParsedEmail staff = parser.parse(Mails.raw("From: ivanov@getmark.ru", "Message-ID: <abc@mail.getmark.ru>",
                    "Subject: x", "", "Пересылаю запрос клиента, ИНН 7707083893"));
            assertThat(verdict(staff)).isInstanceOf(Verdict.NewRequest.class);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Auto-Submitted: auto-replied", "Auto-Submitted: auto-generated",
                "Auto-Submitted: auto-notified; owner-email=x@y.ru", "Precedence: bulk", "Precedence: junk",
                "Precedence: list", "X-Autoreply: yes", "X-Autorespond: On vacation", "X-Autoreply-From: a@b.ru",
                "List-Id: <news.x.ru>", "List-Unsubscribe: <mailto:u@x.ru>", "Return-Path: <>",
                "X-Failed-Recipients: a@b.ru", "Content-Type: multipart/report; report-type=delivery-status; b=1"})
        @DisplayName("R1: an automatic header is ignored even with an ИНН and a ticket number")
        void automaticHeaders(String header) {
            Verdict v = verdict(CUSTOMER, "Re: Регистрация Обращения № 1042", "ИНН 7707083893. Не работает печать.",
                    header);
            assertThat(v).isInstanceOf(Verdict.Ignore.class);
            assertThat(((Verdict.Ignore) v).cause()).isEqualTo(Verdict.Ignore.Cause.AUTOMATIC);
        }

        @Test
        void autoSubmittedNoIsAPerson() {
            assertThat(verdict("a@b.ru", "Вопрос", "ИНН 7707083893", "Auto-Submitted: no"))
                    .isInstanceOf(Verdict.NewRequest.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"Автоматический ответ: Регистрация Обращения № 1042", "Automatic reply: hello",
                "Out of Office: отпуск", "Автоответ: нет на месте", "AutoReply: x"})
        void autoReplySubjects(String subject) {
            assertThat(verdict(CUSTOMER, subject, "Я в отпуске. ИНН 7707083893",
                    "In-Reply-To: <notice.registration.1042.e1@getmark.ru>"))
                    .isInstanceOf(Verdict.Ignore.class);
        }

        @Test
        void xAutoResponseSuppressAloneIsNotEnough() {
            assertThat(verdict("a@b.ru", "Вопрос по печати", "ИНН 7707083893", "X-Auto-Response-Suppress: All"))
                    .isInstanceOf(Verdict.NewRequest.class);
        }

        @ParameterizedTest
        @ValueSource(strings = {"MAILER-DAEMON@mx.x.ru", "Mail Delivery System <mailer-daemon@x.ru>",
                "postmaster@x.ru"})
        void bounceSendersWithoutOurIdsAreIgnored(String from) {
            assertThat(verdict(from, "Returned mail", "User unknown")).isInstanceOf(Verdict.Ignore.class);
        }

        @Test
        @DisplayName("a bounce whose returned References name our ticket is a delivery failure")
        void bounceByReferences() {
            ParsedEmail email = parser.parse(Mails.raw("From: MAILER-DAEMON@x.ru", "Subject: Undelivered",
                    "Content-Type: multipart/report; report-type=delivery-status; boundary=D", "",
                    "--D", "Content-Type: message/delivery-status", "", "Final-Recipient: rfc822; buh@romashka.ru",
                    "Status: 5.1.1", "--D", "Content-Type: text/rfc822-headers", "",
                    "Message-ID: <random-id@other.host>", "References: <ticket.1042@getmark.ru>", "--D--"));
            assertThat(verdict(email)).isEqualTo(new Verdict.DeliveryFailure("1042", "5.1.1 (получатель buh@romashka.ru)"));
        }

        @Test
        @DisplayName("our own MTA's bounce (Message-ID of our domain) is still a delivery failure, not own mail")
        void ownMtaBounce() {
            ParsedEmail email = parser.parse(Mails.raw("From: MAILER-DAEMON@getmark.ru", "Message-ID: <q1@getmark.ru>",
                    "Subject: Undelivered Mail Returned to Sender", "Auto-Submitted: auto-replied", "",
                    "550 5.1.1 <buh@romashka.ru>: User unknown", "", "Message-ID: <notice.registration.1042.e1@getmark.ru>"));
            assertThat(verdict(email)).isInstanceOf(Verdict.DeliveryFailure.class)
                    .extracting(v -> ((Verdict.DeliveryFailure) v).ticketNumber()).isEqualTo("1042");
        }

        @Test
        void bounceOfAForeignDomainsTicketIdIsIgnored() {
            ParsedEmail email = parser.parse(Mails.raw("From: MAILER-DAEMON@x.ru", "Subject: Undelivered",
                    "Content-Type: multipart/report; report-type=delivery-status; boundary=D", "",
                    "--D", "Content-Type: text/rfc822-headers", "",
                    "Message-ID: <notice.registration.1042.e1@getmark.example>", "--D--"));
            assertThat(verdict(email)).isInstanceOf(Verdict.Ignore.class);
        }
    }

    @Nested
    @DisplayName("size limits")
    class Limits {

        private ParsedEmail withFiles(int... sizes) {
            List<String> lines = new ArrayList<>(List.of("From: " + CUSTOMER, "Subject: files",
                    "In-Reply-To: <notice.solution.1042.e1@getmark.ru>",
                    "Content-Type: multipart/mixed; boundary=F", "", "--F", "Content-Type: text/plain", "",
                    "ИНН 7707083893"));
            int i = 0;
            for (int size : sizes) {
                lines.addAll(List.of("--F", "Content-Type: application/octet-stream; name=f" + (++i) + ".bin",
                        "Content-Transfer-Encoding: base64", "", Mails.base64(new byte[size])));
            }
            lines.add("--F--");
            return parser.parse(Mails.raw(lines.toArray(String[]::new)));
        }

        @Test
        void atTheLimitsIsFine() {
            assertThat(verdict(withFiles(1000, 1000, 500))).isInstanceOf(Verdict.FollowUp.class);
        }

        @Test
        void oneFileTooLargeEvenForAFollowUp() {
            Verdict v = verdict(withFiles(1001));
            assertThat(v).isInstanceOf(Verdict.Reject.class);
            Verdict.Reject r = (Verdict.Reject) v;
            assertThat(r.reason()).isEqualTo(RejectedIntake.Reason.TOO_LARGE);
            assertThat(r.detail()).contains("f1.bin", "1000 байт");
            assertThat(r.autoReply()).contains("НЕ зарегистрировано", "1000 байт", "@help_getmark_bot");
        }

        @Test
        void allFilesTogetherTooLarge() {
            Verdict.Reject r = (Verdict.Reject) verdict(withFiles(900, 900, 900));
            assertThat(r.detail()).contains("общий размер вложений 2,6 КБ", "2,4 КБ");
        }

        @Test
        void tooManyFiles() {
            Verdict.Reject r = (Verdict.Reject) verdict(withFiles(1, 1, 1, 1));
            assertThat(r.detail()).contains("4 файла", "не более 3");
        }

        @Test
        void automaticMailOverTheLimitIsStillJustIgnored() {
            ParsedEmail email = withFiles(5000);
            ParsedEmail auto = new ParsedEmail(email.messageId(), email.contentSha256(), email.from(), email.replyTo(),
                    email.to(), email.subject(), email.sentAt(), email.inReplyTo(), email.references(),
                    Map.of("auto-submitted", List.of("auto-replied")), email.text(), false, email.attachments(), null,
                    email.size());
            assertThat(verdict(auto)).isInstanceOf(Verdict.Ignore.class);
        }

        @Test
        void sizesAreSpokenRussian() {
            assertThat(EmailTriage.bytes(10L * 1024 * 1024)).isEqualTo("10 МБ");
            assertThat(EmailTriage.bytes(1536L * 1024)).isEqualTo("1,5 МБ");
            assertThat(EmailTriage.bytes(300 * 1024)).isEqualTo("300 КБ");
            assertThat(EmailTriage.bytes(12)).isEqualTo("12 байт");
        }
    }

    @Nested
    @DisplayName("R4 R11 R12: replies")
    class Replies {

        @Test
        @DisplayName("R11: In-Reply-To of our notice → follow-up by thread, no ИНН needed, from anyone")
        void byNoticeInReplyTo() {
            assertThat(verdict("colleague@romashka.ru", "Re: что-то", "Ответ на вопрос.",
                    "In-Reply-To: <notice.information_request.1042.e7@getmark.ru>"))
                    .isEqualTo(new Verdict.FollowUp("1042", true, "Ответ на вопрос."));
        }

        @Test
        @DisplayName("R4: References keep the notice even when In-Reply-To points elsewhere")
        void byReferences() {
            assertThat(verdict("a@b.ru", "Re: x", "текст", "In-Reply-To: <CAF123@mail.gmail.com>",
                    "References: <ticket.1042@getmark.ru> <notice.solution.1042.e9@getmark.ru> <CAF123@mail.gmail.com>"))
                    .isEqualTo(new Verdict.FollowUp("1042", true, "текст"));
        }

        @Test
        @DisplayName("R4: a thread root alone attaches for the ticket's customer, or when the ticket has no email")
        void rootOnly() {
            assertThat(verdict(CUSTOMER, "Re: x", "текст", "References: <ticket.1042@getmark.ru>"))
                    .isEqualTo(new Verdict.FollowUp("1042", true, "текст"));
            assertThat(verdict("someone@x.ru", "Re: x", "текст", "References: <ticket.1063@getmark.ru>"))
                    .isEqualTo(new Verdict.FollowUp("1063", true, "текст"));
            assertThat(verdict("someone@x.ru", "Re: x", "текст", "References: <ticket.5555@getmark.ru>"))
                    .isEqualTo(new Verdict.FollowUp("5555", true, "текст"));
        }

        @Test
        @DisplayName("R4: a stranger with a guessable root of someone else's ticket gets a linked new request")
        void forgedRoot() {
            Verdict v = verdict("x@evil.example", "Re: x", "ИНН 5406012341 закройте", "References: <ticket.1042@getmark.ru>");
            assertThat(v).isInstanceOf(Verdict.NewRequest.class);
            assertThat(((Verdict.NewRequest) v).relatedTicket()).isEqualTo("1042");
            assertThat(verdict("x@evil.example", "Re: x", "закройте", "References: <ticket.1042@getmark.ru>"))
                    .isInstanceOf(Verdict.Reject.class);
        }

        @Test
        void idsOfOtherDomainsMeanNothing() {
            Verdict v = verdict("a@b.ru", "Re: x", "Не работает печать. ИНН 7707083893",
                    "In-Reply-To: <notice.solution.1042.e1@getmark.ru.evil.example>",
                    "References: <ticket.1042@evil.example>");
            assertThat(v).isInstanceOf(Verdict.NewRequest.class);
            assertThat(((Verdict.NewRequest) v).relatedTicket()).isNull();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Re: Регистрация Обращения № 1042", "RE: Обращение №1042", "Ответ: обращению 1042",
                "Re: No. 1042", "Re: N1042", "Fwd: Re: Предоставление решения по Обращению № 1042",
                "Заявка 1042: ещё вопрос", "Ticket #1042"})
        @DisplayName("R4 R12: the subject's number attaches the ticket's own customer")
        void bySubjectFromCustomer(String subject) {
            assertThat(verdict("Бухгалтерия <BUH@Romashka.RU>", subject, "Решение не помогло."))
                    .isEqualTo(new Verdict.FollowUp("1042", false, "Решение не помогло."));
        }

        @Test
        @DisplayName("R4: headers win over the subject")
        void headersWin() {
            assertThat(verdict(CUSTOMER, "Re: Обращение № 1063", "текст",
                    "In-Reply-To: <notice.solution.1042.e1@getmark.ru>"))
                    .isEqualTo(new Verdict.FollowUp("1042", true, "текст"));
        }

        @Test
        @DisplayName("R1 R4: a stranger naming a ticket gets a new request linked to it, with an ИНН only")
        void strangerBySubject() {
            Verdict v = verdict("other@x.ru", "Re: Регистрация Обращения № 1042", "У нас то же. ИНН 5406012341");
            assertThat(v).isInstanceOf(Verdict.NewRequest.class);
            assertThat(((Verdict.NewRequest) v).relatedTicket()).isEqualTo("1042");
            assertThat(((Verdict.NewRequest) v).inn()).isEqualTo("5406012341");
            assertThat(verdict("other@x.ru", "Re: Регистрация Обращения № 1042", "У нас то же."))
                    .isInstanceOf(Verdict.Reject.class);
        }

        @Test
        @DisplayName("R4: a ticket without an email is never attached by subject")
        void ticketWithoutEmailBySubject() {
            Verdict v = verdict("someone@x.ru", "Обращение № 1063", "ИНН 7801034565 ещё вопрос");
            assertThat(((Verdict.NewRequest) v).relatedTicket()).isEqualTo("1063");
        }

        @Test
        void unknownTicketNumberIsLinkedForTicketServiceToCheck() {
            Verdict v = verdict(CUSTOMER, "Re: Обращение № 9999", "ИНН 7707083893 вопрос");
            assertThat(((Verdict.NewRequest) v).relatedTicket()).isEqualTo("9999");
        }

        @Test
        @DisplayName("a bare № in a fresh subject is a document number unless it is the sender's own ticket")
        void bareNumberInAFreshSubject() {
            Verdict stranger = verdict("other@x.ru", "УПД № 1042 не проходит", "ИНН 5406012341");
            assertThat(((Verdict.NewRequest) stranger).relatedTicket()).isNull();
            Verdict invoice = verdict("other@x.ru", "Re: Счёт N 1042", "ИНН 5406012341");
            assertThat(((Verdict.NewRequest) invoice).relatedTicket()).isNull();
            Verdict massProblem = verdict("other@x.ru", "Re: Информация о возникновении массовой проблемы № 1042",
                    "У нас тоже. ИНН 5406012341");
            assertThat(((Verdict.NewRequest) massProblem).relatedTicket()).isEqualTo("1042");
            assertThat(verdict(CUSTOMER, "Обращение № 1042", "ещё скриншот"))
                    .isEqualTo(new Verdict.FollowUp("1042", false, "ещё скриншот"));
        }

        @Test
        void followUpTextIsTrimmed() {
            Verdict v = verdict(CUSTOMER, "Re: Обращение № 1042", String.join("\n", "Номер документа 318.", "",
                    "С уважением,", "Бухгалтерия", "", "пн, 23 нояб. 2026 г. в 10:15, GetMark <help@getmark.ru>:",
                    "> Укажите номер документа."));
            assertThat(v).isEqualTo(new Verdict.FollowUp("1042", false, "Номер документа 318."));
        }
    }

    @Nested
    @DisplayName("R1 R3: new requests")
    class NewRequests {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "ИНН 7707083893|7707083893",
                "инн: 7707083893|7707083893",
                "ИНН/КПП 7707083893/770701001|7707083893",
                "ИНН / КПП: 7707083893 / 770701001|7707083893",
                "ИНН организации — 7707083893|7707083893",
                "Наш ИНН: 7707 083 893|7707083893",
                "INN 7707083893|7707083893",
                "ИНН№7707083893|7707083893",
                "ИП Петров, ИНН 771234567859|771234567859",
                "Реквизиты: 7707083893|7707083893",
                "ООО Ромашка 7707083893 Москва|7707083893"})
        @DisplayName("R1: the ИНН is found")
        void innFound(String body, String inn) {
            Verdict v = verdict("a@b.ru", "Вопрос", "Не работает печать.\n" + body);
            assertThat(v).isInstanceOf(Verdict.NewRequest.class);
            assertThat(((Verdict.NewRequest) v).inn()).isEqualTo(inn);
        }

        @Test
        void innInTheSubjectWinsOverTheText() {
            Verdict v = verdict("a@b.ru", "Ошибка, ИНН 5406012341", "Наш ИНН 7707083893");
            assertThat(((Verdict.NewRequest) v).inn()).isEqualTo("5406012341");
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"Позвоните: тел. 7707083893", "Заказ № 7707083893", "Счёт 7707083893 от 01.11",
                "р/с 40702810938000012345", "КПП 770701001", "ОГРН 1027700132195", "Дата 7707083893/1",
                "+7707083893", "GTIN 04601234567893"})
        @DisplayName("R1: numbers that are something else are not an ИНН")
        void notAnInn(String body) {
            Verdict v = verdict("a@b.ru", "Вопрос", "Не работает печать. " + body);
            assertThat(v).isInstanceOf(Verdict.Reject.class);
            assertThat(((Verdict.Reject) v).reason()).isEqualTo(RejectedIntake.Reason.MISSING_INN);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "ИНН 7707083894|Неверная контрольная цифра",
                "ИНН 77070838|10 цифр",
                "ИНН 0000000000|нулей",
                "ИНН 771234567850|Неверная контрольная цифра",
                "1234567890|Неверная контрольная цифра"})
        @DisplayName("R1: only invalid candidates → invalid_inn naming the problem")
        void invalidInn(String body, String problem) {
            Verdict v = verdict("a@b.ru", "Вопрос", "Не работает печать. " + body);
            assertThat(v).isInstanceOf(Verdict.Reject.class);
            Verdict.Reject r = (Verdict.Reject) v;
            assertThat(r.reason()).isEqualTo(RejectedIntake.Reason.INVALID_INN);
            assertThat(r.detail()).contains(problem);
            assertThat(r.autoReply()).contains("НЕ зарегистрировано", problem, "help@getmark.ru",
                    "@help_getmark_bot", "+7 925 950-91-18", "8 800 550-22-79");
        }

        @Test
        @DisplayName("R1: a labelled wrong ИНН is not replaced by a stray valid number")
        void labelledWrongBeatsStrayValid() {
            Verdict v = verdict("a@b.ru", "Вопрос", "ИНН 7707083894\nпартия 5406012341");
            assertThat(((Verdict.Reject) v).reason()).isEqualTo(RejectedIntake.Reason.INVALID_INN);
        }

        @Test
        void validLabelledBeatsInvalidLabelled() {
            Verdict v = verdict("a@b.ru", "Вопрос", "ИНН контрагента 7707083894 не принимается. Наш ИНН 5406012341");
            assertThat(((Verdict.NewRequest) v).inn()).isEqualTo("5406012341");
        }

        @Test
        void thirdPartyInnIsTheLastChoice() {
            assertThat(((Verdict.NewRequest) verdict("a@b.ru", "Вопрос",
                    "ИНН поставщика 7707083893, а наш ИНН 5406012341")).inn()).isEqualTo("5406012341");
            assertThat(((Verdict.NewRequest) verdict("a@b.ru", "Вопрос",
                    "ИНН поставщика 7707083893 не находится")).inn()).isEqualTo("7707083893");
        }

        @Test
        @DisplayName("R1: the ИНН in the signature counts, the signature is not ticket text")
        void innInSignature() {
            Verdict.NewRequest r = (Verdict.NewRequest) verdict("a@b.ru", "Вопрос",
                    "Не работает печать.\n\n-- \nООО Ромашка\nИНН 7707083893");
            assertThat(r.inn()).isEqualTo("7707083893");
            assertThat(r.text()).isEqualTo("Не работает печать.");
        }

        @Test
        @DisplayName("R1: quoted history is a last resort for a valid ИНН, never for an invalid one")
        void quotedHistory() {
            Verdict.NewRequest r = (Verdict.NewRequest) verdict("a@b.ru", "Re: печать",
                    "Прикладываю скриншот.\n\n> Не работает печать. ИНН 7707083893");
            assertThat(r.inn()).isEqualTo("7707083893");
            assertThat(r.text()).isEqualTo("Прикладываю скриншот.");
            Verdict.Reject x = (Verdict.Reject) verdict("a@b.ru", "Re: печать",
                    "Прикладываю скриншот.\n\n> ИНН 7707083894");
            assertThat(x.reason()).isEqualTo(RejectedIntake.Reason.MISSING_INN);
        }

        @Test
        @DisplayName("R1: the missing-ИНН answer says it was not registered and how to resend")
        void missingInnAnswer() {
            Verdict.Reject r = (Verdict.Reject) verdict("a@b.ru", "Не печатает", "Помогите");
            assertThat(r.reason()).isEqualTo(RejectedIntake.Reason.MISSING_INN);
            assertThat(r.autoReply()).startsWith("Здравствуйте!")
                    .contains("«Не печатает»", "НЕ зарегистрировано", "ИНН вашей организации (10 цифр) или ИП (12 цифр)",
                            "help@getmark.ru", "@help_getmark_bot", "+7 925 950-91-18", "8 800 550-22-79, доб. 2",
                            "отправлено автоматически");
            // no number in the answer may later be taken for an ИНН when the customer quotes it
            assertThat(r.autoReply()).doesNotContainPattern("\\d{8,}");
        }

        @Test
        void customerNameSubjectAndClassification() {
            Verdict.NewRequest r = (Verdict.NewRequest) verdict(Mails.b("Иванова Мария", StandardCharsets.UTF_8)
                    + " <m@x.ru>", "RE: Fwd: Ответ: Ошибка печати этикеток", "Не печатаются этикетки, ошибка "
                    + "принтера. Стоит склад. ИНН 7707083893");
            assertThat(r.customerName()).isEqualTo("Иванова Мария");
            assertThat(r.subject()).isEqualTo("Ошибка печати этикеток");
            assertThat(r.type()).isEqualTo(TicketType.SOFTWARE_BUG);
            assertThat(r.process()).isEqualTo("labels.print");
            assertThat(r.impact()).isEqualTo(Impact.STOPS_OPERATIONS);
            assertThat(((Verdict.NewRequest) verdict("m@x.ru", "x", "ИНН 7707083893")).customerName())
                    .isEqualTo("m@x.ru");
        }

        @Test
        @DisplayName("R3: nothing stated → type, process and impact left null for the first line")
        void nothingStated() {
            Verdict.NewRequest r = (Verdict.NewRequest) verdict("m@x.ru", "Здравствуйте", "Перезвоните мне. "
                    + "ИНН 7707083893");
            assertThat(r.type()).isNull();
            assertThat(r.process()).isNull();
            assertThat(r.impact()).isNull();
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', nullValues = "-", value = {
                "Ошибка ПО при печати|SOFTWARE_BUG",
                "Не работает вход|SOFTWARE_BUG",
                "Сбой при отправке|SOFTWARE_BUG",
                "Вопрос по настройке|CONSULTATION",
                "Как сделать возврат?|CONSULTATION",
                "Подскажите, где найти отчёт|CONSULTATION",
                "Подскажите, почему выдаёт ошибку|SOFTWARE_BUG",
                "Доработка отчёта|CHANGE_REQUEST",
                "Предложение: добавить фильтр|CHANGE_REQUEST",
                "Просим исправить данные в УПД|DATA_CORRECTION",
                "Корректировка остатков|DATA_CORRECTION",
                "Вопрос по корректировке|DATA_CORRECTION",
                "Запрос на изменение, ошибка в тексте|CHANGE_REQUEST",
                "Консультация по ошибке|CONSULTATION",
                "Добрый день|-"})
        @DisplayName("R3: type from keywords")
        void type(String text, TicketType type) {
            assertThat(Keywords.type(text)).isEqualTo(type);
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', nullValues = "-", value = {
                "Не можем работать с утра|STOPS_OPERATIONS",
                "Остановлена отгрузка|STOPS_OPERATIONS",
                "Стоит склад|STOPS_OPERATIONS",
                "Это мешает работе|HINDERS_OPERATIONS",
                "Приходится вручную вводить|HINDERS_OPERATIONS",
                "На работу не влияет|NO_EFFECT",
                "Работе не мешает|NO_EFFECT",
                "Вопрос не срочный|NO_EFFECT",
                "Простой вопрос|-",
                "Ошибка в отчёте|-"})
        @DisplayName("R3: impact from keywords")
        void impact(String text, Impact impact) {
            assertThat(Keywords.impact(text)).isEqualTo(impact);
        }
    }

    @Test
    void noSenderIsInvalidInputWithoutAnswer() {
        ParsedEmail email = parser.parse(Mails.raw("Subject: x", "Message-ID: <a@b>", "", "ИНН 7707083893"));
        Verdict v = verdict(email);
        assertThat(v).isInstanceOf(Verdict.Reject.class);
        assertThat(((Verdict.Reject) v).reason()).isEqualTo(RejectedIntake.Reason.INVALID_INPUT);
        assertThat(((Verdict.Reject) v).autoReply()).isNull();
    }

    @Test
    void autoReplySubject() {
        assertThat(EmailTriage.autoReplySubject(mail("a@b.ru", "Ошибка", "x")))
                .isEqualTo("Обращение не зарегистрировано: Re: Ошибка");
        assertThat(EmailTriage.autoReplySubject(parser.parse(Mails.raw("From: a@b.ru", "", "x"))))
                .isEqualTo("Обращение не зарегистрировано");
    }

    @Test
    void emailHashIsTrimmedAndLowerCase() {
        assertThat(TicketDirectory.emailSha256("  BUH@Romashka.ru ")).isEqualTo(TicketDirectory.emailSha256(CUSTOMER))
                .hasSize(64);
        assertThat(TicketDirectory.emailSha256(" ")).isNull();
    }
}
