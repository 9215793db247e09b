package ru.getmark.support.email.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import ru.getmark.support.email.corpus.Mails;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static ru.getmark.support.email.corpus.Mails.CP1251;
import static ru.getmark.support.email.corpus.Mails.KOI8_R;
import static ru.getmark.support.email.corpus.Mails.b;
import static ru.getmark.support.email.corpus.Mails.base64;
import static ru.getmark.support.email.corpus.Mails.concat;
import static ru.getmark.support.email.corpus.Mails.raw;

/** The parser on one shape at a time: what real clients send, and what they get wrong. */
class EmailParserTest {

    private final EmailParser parser = new EmailParser();

    private ParsedEmail parse(String... lines) {
        return parser.parse(raw(lines));
    }

    @Nested
    @DisplayName("garbage")
    class Garbage {

        @Test
        void nullAndEmptyAreRefused() {
            assertThatThrownBy(() -> parser.parse(null)).isInstanceOf(EmailParseException.class);
            assertThatThrownBy(() -> parser.parse(new byte[0])).isInstanceOf(EmailParseException.class);
        }

        @Test
        void textWithoutHeadersIsRefused() {
            assertThatThrownBy(() -> parser.parse("Привет, это не письмо\r\nа просто текст\r\n"
                    .getBytes(StandardCharsets.UTF_8))).isInstanceOf(EmailParseException.class)
                    .hasMessageContaining("header");
        }

        @Test
        void binaryNoiseIsRefused() {
            assertThatThrownBy(() -> parser.parse(Mails.noise(4096, 42))).isInstanceOf(EmailParseException.class);
        }

        @Test
        void deeplyNestedMultipartsDoNotBlowTheStack() {
            StringBuilder sb = new StringBuilder("From: a@b.ru\r\nContent-Type: multipart/mixed; boundary=b0\r\n\r\n");
            int depth = 3000;
            for (int i = 0; i < depth; i++) {
                sb.append("--b").append(i).append("\r\nContent-Type: multipart/")
                        .append(i % 2 == 0 ? "related" : "mixed").append("; boundary=b").append(i + 1).append("\r\n\r\n");
            }
            sb.append("--b").append(depth).append("\r\nContent-Type: text/plain\r\n\r\nглубоко\r\n");
            ParsedEmail email = parser.parse(sb.toString().getBytes(StandardCharsets.UTF_8));
            assertThat(email.from().address()).isEqualTo("a@b.ru");
        }

        @Test
        void headersOfNoEmailAreRefused() {
            assertThatThrownBy(() -> parse("X-Foo: bar", "", "body")).isInstanceOf(EmailParseException.class);
        }

        @Test
        void aMessageWithHeadersOnlyIsFine() {
            ParsedEmail email = parse("From: a@b.ru", "Subject: hi");
            assertThat(email.text()).isEmpty();
            assertThat(email.subject()).isEqualTo("hi");
        }
    }

    @Nested
    @DisplayName("headers")
    class Headers {

        @Test
        void idsHashSizeAndDate() {
            byte[] bytes = raw("From: a@b.ru", "Message-ID: <abc@b.ru>", "Date: Mon, 23 Nov 2026 10:15:00 +0300",
                    "", "text");
            ParsedEmail email = parser.parse(bytes);
            assertThat(email.messageId()).isEqualTo("<abc@b.ru>");
            assertThat(email.size()).isEqualTo(bytes.length);
            assertThat(email.contentSha256()).hasSize(64).isEqualTo(sha256(bytes));
            assertThat(email.sentAt()).isEqualTo(Instant.parse("2026-11-23T07:15:00Z"));
        }

        @Test
        @DisplayName("R5: the same bytes delivered twice give the same Message-ID and content hash")
        void sameBytesSameIds() {
            byte[] bytes = raw("From: a@b.ru", "Message-ID: <x1@b.ru>", "", "text");
            ParsedEmail first = parser.parse(bytes);
            ParsedEmail again = parser.parse(bytes.clone());
            assertThat(again.messageId()).isEqualTo(first.messageId());
            assertThat(again.contentSha256()).isEqualTo(first.contentSha256());
            byte[] other = raw("From: a@b.ru", "", "другой текст");
            assertThat(parser.parse(other).contentSha256()).isNotEqualTo(first.contentSha256());
        }

        @Test
        void missingMessageIdIsNullAndBareOneGetsBrackets() {
            assertThat(parse("From: a@b.ru", "", "x").messageId()).isNull();
            assertThat(parse("From: a@b.ru", "Message-Id: abc.123@b.ru", "", "x").messageId())
                    .isEqualTo("<abc.123@b.ru>");
        }

        @Test
        void brokenDateIsNull() {
            assertThat(parse("From: a@b.ru", "Date: вчера вечером", "", "x").sentAt()).isNull();
        }

        @Test
        void encodedSubjectSplitInsideACharacterIsJoined() {
            String subject = "Не проходит приёмка товара от поставщика «Ромашка» № 1042";
            ParsedEmail email = parser.parse(concat(raw("From: a@b.ru", "Subject: " + Mails.splitB(subject), "", "x")));
            assertThat(email.subject()).isEqualTo(subject);
        }

        @Test
        void qEncodingMixedWithPlainText() {
            ParsedEmail email = parse("From: a@b.ru",
                    "Subject: Re: " + Mails.q("Регистрация Обращения ", StandardCharsets.UTF_8) + " =?utf-8?Q?=E2=84=96?= 1042",
                    "", "x");
            assertThat(email.subject()).isEqualTo("Re: Регистрация Обращения № 1042");
        }

        @Test
        void encodedWordsInOtherCharsetsAndUnknownOnes() {
            assertThat(parse("From: a@b.ru", "Subject: " + b("Счёт", CP1251) + " " + b("и акт", KOI8_R), "", "x")
                    .subject()).isEqualTo("Счёти акт");
            assertThat(parse("From: a@b.ru", "Subject: =?x-unknown?B?" + base64("тест".getBytes(StandardCharsets.UTF_8))
                    + "?=", "", "x").subject()).isEqualTo("тест");
        }

        @Test
        void eightBitHeadersInUtf8AndWindows1251AreRepaired() {
            assertThat(parser.parse(raw(StandardCharsets.UTF_8, "From: a@b.ru", "Subject: Ошибка печати", "", "x"))
                    .subject()).isEqualTo("Ошибка печати");
            assertThat(parser.parse(raw(CP1251, "From: Бухгалтерия <a@b.ru>", "Subject: Ошибка печати этикеток",
                    "", "x")).subject()).isEqualTo("Ошибка печати этикеток");
            assertThat(parser.parse(raw(CP1251, "From: Бухгалтерия <a@b.ru>", "Subject: x", "", "x")).from()
                    .displayName()).isEqualTo("Бухгалтерия");
        }

        @Test
        void foldedHeadersAndLowerCaseNames() {
            ParsedEmail email = parse("From: a@b.ru", "Received: from one", "Received: from two", "Subject: one",
                    "  two", "X-Custom-Header: Value", "", "x");
            assertThat(email.subject()).isEqualTo("one two");
            assertThat(email.headers().get("received")).containsExactly("from one", "from two");
            assertThat(email.header("X-CUSTOM-HEADER")).isEqualTo("Value");
        }

        @Test
        void addresses() {
            ParsedEmail email = parse("From: " + b("Иванова Мария", StandardCharsets.UTF_8) + " <M.Ivanova@SeverTorg.RU>",
                    "To: help@getmark.ru, \"Склад\" <sklad@x.ru>", "Cc: boss@x.ru",
                    "Reply-To: ООО Ромашка <reply@romashka.ru>", "", "x");
            assertThat(email.from()).isEqualTo(new Mailbox("M.Ivanova@severtorg.ru", "Иванова Мария"));
            assertThat(email.to()).extracting(Mailbox::address)
                    .containsExactly("help@getmark.ru", "sklad@x.ru", "boss@x.ru");
            assertThat(email.replyTo()).containsExactly(new Mailbox("reply@romashka.ru", "ООО Ромашка"));
        }

        @Test
        void brokenFromStillYieldsTheAddress() {
            ParsedEmail email = parse("From: Иван <<ivan@x.ru", "", "x");
            assertThat(email.from()).isNotNull();
            assertThat(email.from().address()).isEqualTo("ivan@x.ru");
        }

        @Test
        void inReplyToAndReferencesAsTheyCame() {
            ParsedEmail email = parse("From: a@b.ru", "In-Reply-To: <notice.solution.1.e@getmark.ru>",
                    "References: <ticket.1@getmark.ru>", " <notice.solution.1.e@getmark.ru>", "", "x");
            assertThat(email.inReplyTo()).isEqualTo("<notice.solution.1.e@getmark.ru>");
            assertThat(email.references()).isEqualTo("<ticket.1@getmark.ru> <notice.solution.1.e@getmark.ru>");
        }
    }

    @Nested
    @DisplayName("charsets and transfer encodings")
    class Charsets {

        private ParsedEmail body(String contentType, String encoding, byte[] body) {
            return parser.parse(concat(raw("From: a@b.ru", "Content-Type: " + contentType,
                    "Content-Transfer-Encoding: " + encoding, ""), body));
        }

        private static final String RU = "Добрый день! Не проходит отгрузка, документ висит в статусе отправлен.";

        @Test
        void windows1251Labelled() {
            assertThat(body("text/plain; charset=windows-1251", "8bit", RU.getBytes(CP1251)).text()).isEqualTo(RU);
        }

        @Test
        void koi8rLabelledAndAliasSpellings() {
            assertThat(body("text/plain; charset=koi8-r", "8bit", RU.getBytes(KOI8_R)).text()).isEqualTo(RU);
            assertThat(body("text/plain; charset=\"cp-1251\"", "8bit", RU.getBytes(CP1251)).text()).isEqualTo(RU);
            assertThat(body("text/plain; charset=win-1251", "8bit", RU.getBytes(CP1251)).text()).isEqualTo(RU);
        }

        @Test
        void missingOrAsciiLabelOnCyrillicBytes() {
            assertThat(body("text/plain", "8bit", RU.getBytes(CP1251)).text()).isEqualTo(RU);
            assertThat(body("text/plain; charset=us-ascii", "8bit", RU.getBytes(KOI8_R)).text()).isEqualTo(RU);
            assertThat(body("text/plain; charset=iso-8859-1", "8bit", RU.getBytes(CP1251)).text()).isEqualTo(RU);
            assertThat(body("text/plain", "8bit", RU.getBytes(StandardCharsets.UTF_8)).text()).isEqualTo(RU);
        }

        @Test
        void mislabelledCharsets() {
            assertThat(body("text/plain; charset=windows-1251", "8bit", RU.getBytes(KOI8_R)).text()).isEqualTo(RU);
            assertThat(body("text/plain; charset=koi8-r", "8bit", RU.getBytes(CP1251)).text()).isEqualTo(RU);
            assertThat(body("text/plain; charset=utf-8", "8bit", RU.getBytes(CP1251)).text()).isEqualTo(RU);
            assertThat(body("text/plain; charset=windows-1251", "8bit", RU.getBytes(StandardCharsets.UTF_8)).text())
                    .isEqualTo(RU);
        }

        @Test
        void westernLatin1StaysLatin1() {
            String de = "Grüße aus München, die Lieferung ist fertig.";
            assertThat(body("text/plain; charset=iso-8859-1", "8bit", de.getBytes(StandardCharsets.ISO_8859_1)).text())
                    .isEqualTo(de);
        }

        @Test
        void quotedPrintableSoftBreaksAndBrokenEscapes() {
            String qp = "=D0=9F=D1=80=D0=B8=D0=B2=D0=B5=D1=82, =\r\n=D0=BC=D0=B8=D1=80 =ZZ 100% =3D ok=\r\n";
            assertThat(body("text/plain; charset=utf-8", "quoted-printable", qp.getBytes(StandardCharsets.US_ASCII))
                    .text()).isEqualTo("Привет, мир =ZZ 100% = ok");
        }

        @Test
        void base64WithJunkAndWithoutPadding() {
            String encoded = base64(RU.getBytes(StandardCharsets.UTF_8)).replace("=", "");
            String dirty = encoded.substring(0, 10) + "!!\r\n  " + encoded.substring(10);
            assertThat(body("text/plain; charset=utf-8", "BASE64", dirty.getBytes(StandardCharsets.US_ASCII)).text())
                    .isEqualTo(RU);
        }

        @Test
        void formatFlowedWithDelSp() {
            String flowed = "Первая часть фразы и  \r\nвторая часть.\r\n> цитата  \r\n> продолжается\r\n-- \r\nподпись\r\n";
            ParsedEmail email = body("text/plain; charset=utf-8; format=flowed; delsp=yes", "8bit",
                    flowed.getBytes(StandardCharsets.UTF_8));
            assertThat(email.text()).contains("Первая часть фразы и вторая часть.")
                    .contains("> цитата продолжается").contains("--\nподпись");
        }
    }

    @Nested
    @DisplayName("MIME structure")
    class Structure {

        @Test
        void alternativePrefersPlain() {
            ParsedEmail email = parse("From: a@b.ru", "Content-Type: multipart/alternative; boundary=XX", "",
                    "--XX", "Content-Type: text/plain; charset=utf-8", "", "простой текст",
                    "--XX", "Content-Type: text/html; charset=utf-8", "", "<p>HTML текст</p>", "--XX--");
            assertThat(email.text()).isEqualTo("простой текст");
            assertThat(email.htmlOnly()).isFalse();
        }

        @Test
        void alternativeWithBlankPlainUsesHtml() {
            ParsedEmail email = parse("From: a@b.ru", "Content-Type: multipart/alternative; boundary=XX", "",
                    "--XX", "Content-Type: text/plain; charset=utf-8", "", "  ",
                    "--XX", "Content-Type: text/html; charset=utf-8", "", "<p>HTML текст</p>", "--XX--");
            assertThat(email.text()).isEqualTo("HTML текст");
            assertThat(email.htmlOnly()).isTrue();
        }

        @Test
        void missingClosingBoundaryKeepsTheLastPart() {
            ParsedEmail email = parse("From: a@b.ru", "Content-Type: multipart/mixed; boundary=\"b1\"", "",
                    "preamble", "--b1", "Content-Type: text/plain", "", "первая", "--b1",
                    "Content-Type: application/pdf; name=a.pdf", "Content-Transfer-Encoding: base64", "",
                    base64(Mails.pdf("x")));
            assertThat(email.text()).isEqualTo("первая");
            assertThat(email.attachments()).singleElement()
                    .satisfies(a -> assertThat(new String(a.content(), StandardCharsets.ISO_8859_1)).startsWith("%PDF"));
        }

        @Test
        void multipartWithoutBoundaryIsShownAsText() {
            ParsedEmail email = parse("From: a@b.ru", "Content-Type: multipart/mixed", "", "текст без границ");
            assertThat(email.text()).isEqualTo("текст без границ");
        }

        @Test
        void appleMailTextAroundAnInlineImageIsJoined() {
            ParsedEmail email = parse("From: a@b.ru", "Content-Type: multipart/mixed; boundary=A", "",
                    "--A", "Content-Type: text/plain; charset=utf-8", "", "До картинки",
                    "--A", "Content-Type: image/jpeg", "Content-Disposition: inline", "Content-Transfer-Encoding: base64",
                    "", base64(Mails.png(100, 1)),
                    "--A", "Content-Type: text/plain; charset=utf-8", "", "После картинки", "--A--");
            assertThat(email.text()).isEqualTo("До картинки\n\nПосле картинки");
            assertThat(email.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("image1.jpg");
                assertThat(a.inline()).isTrue();
                assertThat(a.contentType()).isEqualTo("image/jpeg");
            });
        }

        @Test
        void textAttachmentIsAFileNotText() {
            ParsedEmail email = parse("From: a@b.ru", "Content-Type: multipart/mixed; boundary=A", "",
                    "--A", "Content-Type: text/plain", "", "см. лог",
                    "--A", "Content-Type: text/plain", "Content-Disposition: attachment; filename=\"C:\\Logs\\app.log\"",
                    "", "ERROR something", "--A--");
            assertThat(email.text()).isEqualTo("см. лог");
            assertThat(email.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("app.log");
                assertThat(new String(a.content(), StandardCharsets.US_ASCII)).isEqualTo("ERROR something");
            });
        }

        @Test
        void signaturesOfSignedMailAreNotFiles() {
            ParsedEmail email = parse("From: a@b.ru",
                    "Content-Type: multipart/signed; protocol=\"application/pkcs7-signature\"; boundary=S", "",
                    "--S", "Content-Type: text/plain; charset=utf-8", "", "подписанный текст",
                    "--S", "Content-Type: application/pkcs7-signature; name=smime.p7s", "Content-Transfer-Encoding: base64",
                    "", base64(new byte[]{1, 2, 3}), "--S--");
            assertThat(email.text()).isEqualTo("подписанный текст");
            assertThat(email.attachments()).isEmpty();
        }

        @Test
        void relatedRootByStartParameterAndInlineResources() {
            ParsedEmail email = parse("From: a@b.ru",
                    "Content-Type: multipart/related; boundary=R; start=\"<root@x>\"; type=\"text/html\"", "",
                    "--R", "Content-Type: image/gif", "Content-ID: <logo@x>", "Content-Transfer-Encoding: base64", "",
                    base64(new byte[]{'G', 'I', 'F', '8', '9', 'a'}),
                    "--R", "Content-Type: text/html; charset=utf-8", "Content-ID: <root@x>", "",
                    "<p>Текст <img src=\"cid:logo@x\" alt=\"Логотип\"></p>", "--R--");
            assertThat(email.text()).isEqualTo("Текст [Логотип]");
            assertThat(email.attachments()).singleElement().satisfies(a -> {
                assertThat(a.inline()).isTrue();
                assertThat(a.contentId()).isEqualTo("logo@x");
                assertThat(a.fileName()).isEqualTo("image1.gif");
            });
        }

        @Test
        void fileNamesRfc2231EncodedWordsAndContentTypeName() {
            ParsedEmail email = parse("From: a@b.ru", "Content-Type: multipart/mixed; boundary=F", "",
                    "--F", "Content-Type: text/plain", "", "files",
                    "--F", "Content-Type: application/pdf",
                    "Content-Disposition: attachment; filename*0*=utf-8'ru'%D0%90%D0%BA%D1%82%20;",
                    " filename*1*=%E2%84%96%201; filename*2=\".pdf\"", "", "%PDF",
                    "--F", "Content-Type: application/octet-stream; name=\"" + b("Выгрузка.xml", StandardCharsets.UTF_8)
                            + "\"", "", "<x/>",
                    "--F", "Content-Type: application/zip",
                    "Content-Disposition: attachment; filename=\"old.zip\"; filename*=windows-1251''%C0%F0%F5%E8%E2.zip",
                    "", "PK",
                    "--F--");
            assertThat(email.attachments()).extracting(ParsedAttachment::fileName)
                    .containsExactly("Акт № 1.pdf", "Выгрузка.xml", "Архив.zip");
            assertThat(email.attachments()).allSatisfy(a -> assertThat(a.inline()).isFalse());
        }
    }

    @Nested
    @DisplayName("HTML to text")
    class Html {

        private String html(String html) {
            return parse("From: a@b.ru", "Content-Type: text/html; charset=utf-8", "", html).text();
        }

        @Test
        void scriptsStylesAndHeadAreGone() {
            String text = html("<html><head><title>T</title><style>p{color:red}</style></head><body>"
                    + "<script>alert(1)</script><p>Видимый текст</p><noscript>нет</noscript></body></html>");
            assertThat(text).isEqualTo("Видимый текст");
        }

        @Test
        void blocksBreaksListsAndLinks() {
            String text = html("<div>Строка 1<br>Строка 2</div><p>Абзац</p><ul><li>один</li><li>два</li></ul>"
                    + "<p>См. <a href=\"https://getmark.ru/help\">справку</a> и <a href=\"mailto:help@getmark.ru\">"
                    + "help@getmark.ru</a>, <a href=\"https://x.ru\">https://x.ru</a></p>");
            assertThat(text).isEqualTo("Строка 1\nСтрока 2\n\nАбзац\n\n- один\n- два\n\nСм. справку "
                    + "(https://getmark.ru/help) и help@getmark.ru, https://x.ru");
        }

        @Test
        void entitiesNbspAndTables() {
            String text = html("<p>&laquo;Ромашка&raquo;&nbsp;&mdash; ООО</p><table><tr><td>ИНН</td><td>7707083893</td>"
                    + "</tr><tr><td>КПП</td><td>770701001</td></tr></table>");
            assertThat(text).isEqualTo("«Ромашка» — ООО\n\nИНН 7707083893\nКПП 770701001");
        }

        @Test
        void blockquotesBecomeQuotedLines() {
            String text = html("<p>Ответ</p><blockquote type=\"cite\"><p>Вопрос 1</p><p>Вопрос 2</p></blockquote>");
            assertThat(text).isEqualTo("Ответ\n\n> Вопрос 1\n>\n> Вопрос 2");
        }
    }

    @Nested
    @DisplayName("forwards")
    class Forwards {

        @Test
        void nestedRfc822ForwardsAreAppendedWithTheirFiles() {
            String innermost = String.join("\r\n", "From: first@x.ru", "Subject: " + b("Исходное", StandardCharsets.UTF_8),
                    "Content-Type: multipart/mixed; boundary=I", "", "--I", "Content-Type: text/plain; charset=utf-8",
                    "", "самый первый текст", "--I", "Content-Type: image/png; name=scan.png",
                    "Content-Transfer-Encoding: base64", "", base64(Mails.png(80, 9)), "--I--", "");
            String middle = String.join("\r\n", "From: second@x.ru", "Subject: Fwd", "Content-Type: multipart/mixed; boundary=M",
                    "", "--M", "Content-Type: text/plain; charset=utf-8", "", "второй текст", "--M",
                    "Content-Type: message/rfc822", "", innermost, "--M--", "");
            ParsedEmail email = parse("From: third@x.ru", "Subject: Fwd: Fwd", "Content-Type: multipart/mixed; boundary=O",
                    "", "--O", "Content-Type: text/plain; charset=utf-8", "", "смотрите ниже", "--O",
                    "Content-Type: message/rfc822", "Content-Disposition: attachment; filename=fwd.eml", "", middle,
                    "--O--");
            assertThat(email.text()).startsWith("смотрите ниже\n\n" + EmailParser.FORWARD_MARK + "\nОт: second@x.ru\n"
                    + "Тема: Fwd\n\nвторой текст\n\n" + EmailParser.FORWARD_MARK + "\nОт: first@x.ru\nТема: Исходное\n\n"
                    + "самый первый текст");
            assertThat(email.attachments()).extracting(ParsedAttachment::fileName).containsExactly("scan.png");
        }
    }

    @Nested
    @DisplayName("delivery reports")
    class Reports {

        @Test
        void rfc3464WithReturnedMessage() {
            ParsedEmail email = parse("From: MAILER-DAEMON@mx.x.ru", "Subject: Undelivered",
                    "Content-Type: multipart/report; report-type=delivery-status; boundary=D", "",
                    "--D", "Content-Type: text/plain", "", "Delivery failed.",
                    "--D", "Content-Type: message/delivery-status", "", "Reporting-MTA: dns; mx.x.ru", "",
                    "Final-Recipient: rfc822; buh@romashka.ru", "Action: failed", "Status: 5.7.1",
                    "Diagnostic-Code: smtp; 550 5.7.1 Message rejected as spam",
                    "--D", "Content-Type: message/rfc822", "", "From: help@getmark.ru",
                    "Message-ID: <notice.solution.1042.e1@getmark.ru>", "In-Reply-To: <ticket.1042@getmark.ru>",
                    "References: <ticket.1042@getmark.ru>", "Subject: x", "", "body of the notice", "--D--");
            assertThat(email.report()).isEqualTo(new DeliveryReport("<notice.solution.1042.e1@getmark.ru>",
                    "<ticket.1042@getmark.ru> <ticket.1042@getmark.ru>", "buh@romashka.ru", "5.7.1",
                    "550 5.7.1 Message rejected as spam"));
            assertThat(email.text()).isEqualTo("Delivery failed.");
            assertThat(email.attachments()).isEmpty();
        }

        @Test
        void qmailStylePlainBounce() {
            ParsedEmail email = parse("From: MAILER-DAEMON@mail.x.ru", "Subject: failure notice", "",
                    "Hi. This is the qmail-send program at mail.x.ru.",
                    "I'm afraid I wasn't able to deliver your message to the following addresses.", "",
                    "<ivan@y.ru>:", "Sorry, no mailbox here by that name. (#5.1.1)", "",
                    "--- Below this line is a copy of the message.", "",
                    "Message-ID: <notice.registration.77.ev@getmark.ru>", "References: <ticket.77@getmark.ru>");
            assertThat(email.report()).isNotNull();
            assertThat(email.report().originalMessageId()).isEqualTo("<notice.registration.77.ev@getmark.ru>");
            assertThat(email.report().originalReferences()).isEqualTo("<ticket.77@getmark.ru>");
            assertThat(email.report().recipient()).isEqualTo("ivan@y.ru");
            assertThat(email.report().status()).isEqualTo("5.1.1");
        }

        @Test
        void readReceiptIsNoDeliveryReport() {
            ParsedEmail email = parse("From: a@b.ru",
                    "Content-Type: multipart/report; report-type=disposition-notification; boundary=M", "",
                    "--M", "Content-Type: text/plain", "", "Прочитано", "--M",
                    "Content-Type: message/disposition-notification", "", "Disposition: manual-action; displayed",
                    "--M--");
            assertThat(email.report()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"Mail Delivery Subsystem <MAILER-DAEMON@x.ru>", "postmaster@x.ru"})
        void bounceSendersGetAReportEvenWithoutIds(String from) {
            assertThat(parse("From: " + from, "Subject: Returned mail", "", "User unknown").report()).isNotNull();
        }

        @Test
        void anOrdinaryLetterHasNoReport() {
            assertThat(parse("From: a@b.ru", "Subject: Undelivered goods", "", "Товар не доставлен").report())
                    .isNull();
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
