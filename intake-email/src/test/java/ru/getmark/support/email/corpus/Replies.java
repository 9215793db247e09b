package ru.getmark.support.email.corpus;

import java.util.List;

import static ru.getmark.support.email.corpus.EmailCorpus.INFO_1063;
import static ru.getmark.support.email.corpus.EmailCorpus.NOTICE_1042;
import static ru.getmark.support.email.corpus.EmailCorpus.REG_1057;
import static ru.getmark.support.email.corpus.EmailCorpus.SOLUTION_1070;
import static ru.getmark.support.email.corpus.EmailCorpus.b64;
import static ru.getmark.support.email.corpus.EmailCorpus.enc;
import static ru.getmark.support.email.corpus.EmailCorpus.entry;
import static ru.getmark.support.email.corpus.EmailCorpus.qpUtf8;
import static ru.getmark.support.email.corpus.EmailCorpus.root;
import static ru.getmark.support.email.corpus.EmailCorpus.text;
import static ru.getmark.support.email.corpus.Mails.base64;
import static ru.getmark.support.email.corpus.Mails.png;

/** Replies to our notices (R4, R11, R12): by thread headers, by the subject's №, from the customer or a stranger. */
final class Replies {

    private Replies() {
    }

    static void add(List<EmailCorpus.Entry> list) {
        list.add(gmailReplyByThread());
        list.add(outlookHtmlReplyByThread());
        list.add(threadBeatsSubject());
        list.add(closedTicketReplyByThread());
        list.add(subjectReplyFromCustomer());
        list.add(subjectNumberFromStrangerWithInn());
        list.add(threadRootOnlyFromStranger());
    }

    /** Gmail answer to the information request for 1042: no ИНН, a screenshot, Gmail's Russian attribution. */
    private static EmailCorpus.Entry gmailReplyByThread() {
        String plain = """
                Добрый день!
                Документ называется «УПД №318 от 19.11.2026», ошибка появляется при подписании. Скриншот прикладываю.

                пн, 23 нояб. 2026 г. в 10:15, Служба поддержки GetMark <help@getmark.ru>:

                > Здравствуйте!
                > Для рассмотрения Обращения № 1042 нам нужны дополнительные сведения:
                > укажите, пожалуйста, номер документа.
                >
                """;
        String html = """
                <div dir="ltr"><div>Добрый день!</div><div>Документ называется «УПД №318 от 19.11.2026», ошибка появляется \
                при подписании. Скриншот прикладываю.</div></div><br><div class="gmail_quote"><div dir="ltr" \
                class="gmail_attr">пн, 23 нояб. 2026 г. в 10:15, Служба поддержки GetMark &lt;<a \
                href="mailto:help@getmark.ru">help@getmark.ru</a>&gt;:<br></div><blockquote class="gmail_quote" \
                style="margin:0px 0px 0px 0.8ex;border-left:1px solid rgb(204,204,204);padding-left:1ex">Здравствуйте!<br>\
                Для рассмотрения Обращения № 1042 нам нужны дополнительные сведения:<br>укажите, пожалуйста, номер \
                документа.</blockquote></div>
                """;
        String mixed = "000000000000a1b2c3d4e5f60718";
        String alt = "000000000000a1b2c3d4e5f60717";
        byte[] raw = text("""
                MIME-Version: 1.0
                References: %s %s
                In-Reply-To: %s
                From: %s <buh@romashka.ru>
                Date: Mon, 23 Nov 2026 11:02:33 +0300
                Message-ID: <CAF3pQ7w1=Xr9bK2mZ0Lq8Tn@mail.gmail.com>
                Subject: %s
                To: =?UTF-8?Q?=D0=A1=D0=BB=D1=83=D0=B6=D0=B1=D0=B0_GetMark?= <help@getmark.ru>
                Content-Type: multipart/mixed; boundary="%s"

                --%s
                Content-Type: multipart/alternative; boundary="%s"

                --%s
                Content-Type: text/plain; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                %s
                --%s
                Content-Type: text/html; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                %s
                --%s--
                --%s
                Content-Type: image/png; name="image.png"
                Content-Disposition: attachment; filename="image.png"
                Content-Transfer-Encoding: base64
                Content-ID: <f_lq2x9k3a0>
                X-Attachment-Id: f_lq2x9k3a0

                %s
                --%s--
                """.formatted(root("1042"), NOTICE_1042, NOTICE_1042, enc("Бухгалтерия Ромашка"),
                enc("Re: Запрос дополнительных сведений при рассмотрении Обращения № 1042"), mixed, mixed, alt, alt,
                qpUtf8(plain), alt, qpUtf8(html), alt, mixed, base64(png(3000, 4)), mixed));
        return entry("gmail_reply_by_thread", "R11: Gmail answer to an information request, by thread, no ИНН", raw,
                "buh@romashka.ru",
                Expected.followUp("1042", true)
                        .contains("УПД №318 от 19.11.2026", "Скриншот прикладываю")
                        .lacks("нам нужны дополнительные сведения", "пн, 23 нояб.")
                        .files(1));
    }

    /**
     * Outlook HTML answer to the information request of 1063 (registered by phone: no email on the ticket), quoted
     * with "От: / Отправлено: / Кому: / Тема:".
     */
    private static EmailCorpus.Entry outlookHtmlReplyByThread() {
        String html = """
                <html><head><style>p.MsoNormal{margin:0cm;font-size:11pt;font-family:"Calibri",sans-serif}</style></head>
                <body lang=RU><div class=WordSection1>
                <p class=MsoNormal>Добрый день!<o:p></o:p></p>
                <p class=MsoNormal>Номер накладной ТН-5521, отгрузка на склад в Твери.<o:p></o:p></p>
                <p class=MsoNormal><o:p>&nbsp;</o:p></p>
                <div><div style='border:none;border-top:solid #E1E1E1 1.0pt;padding:3.0pt 0cm 0cm 0cm'>
                <p class=MsoNormal><b>От:</b> Служба поддержки GetMark &lt;help@getmark.ru&gt; <br>
                <b>Отправлено:</b> понедельник, 23 ноября 2026 г. 12:00<br>
                <b>Кому:</b> Логистика &lt;logist@baltika-log.ru&gt;<br>
                <b>Тема:</b> Запрос дополнительных сведений при рассмотрении Обращения № 1063<o:p></o:p></p>
                </div></div>
                <p class=MsoNormal>Здравствуйте! Уточните номер накладной.<o:p></o:p></p>
                </div></body></html>
                """;
        byte[] raw = text("""
                From: %s <logist@baltika-log.ru>
                To: "help@getmark.ru" <help@getmark.ru>
                Subject: %s
                Date: Mon, 23 Nov 2026 12:40:00 +0300
                Message-ID: <000b01da1e3c$7d8e9fa0$78adbee0$@baltika-log.ru>
                In-Reply-To: %s
                References: %s %s
                MIME-Version: 1.0
                Content-Type: text/html; charset="utf-8"
                Content-Transfer-Encoding: quoted-printable
                X-Mailer: Microsoft Outlook 16.0
                Thread-Index: AQHaHjx9jp+grb7gAAAAAAAAAA==
                Content-Language: ru

                %s""".formatted(enc("Логистика"), enc("RE: Запрос дополнительных сведений при рассмотрении Обращения № 1063"),
                INFO_1063, root("1063"), INFO_1063, qpUtf8(html)));
        return entry("outlook_html_reply_by_thread",
                "R11: Outlook HTML answer for a phone-registered ticket, by thread, 'От:/Отправлено:' quote", raw,
                "logist@baltika-log.ru",
                Expected.followUp("1063", true)
                        .contains("Номер накладной ТН-5521")
                        .lacks("Уточните номер накладной", "Отправлено:", "MsoNormal"));
    }

    /** In-Reply-To names 1057's notice, the subject names 1042: the headers win. */
    private static EmailCorpus.Entry threadBeatsSubject() {
        byte[] raw = text("""
                From: %s <m.ivanova@severtorg.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 15:00:00 +0300
                Message-ID: <5c4b3a29-1807-4f6e-9d5c-4b3a29180700@severtorg.ru>
                In-Reply-To: %s
                References: %s %s
                User-Agent: Mozilla Thunderbird
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8; format=flowed
                Content-Transfer-Encoding: 8bit

                Проблема повторилась сегодня в 14:40, как и по обращению 1042 у коллег.

                24.11.2026 09:00, Служба поддержки GetMark пишет:
                > Ваше Обращение № 1057 зарегистрировано.

                --\s
                Мария Иванова
                """.formatted(enc("Мария Иванова"), enc("Re: Обращение № 1042 и наше"), REG_1057, root("1057"),
                REG_1057));
        return entry("thread_beats_subject", "R4: In-Reply-To of 1057 wins over '№ 1042' in the subject", raw,
                "m.ivanova@severtorg.ru",
                Expected.followUp("1057", true)
                        .contains("Проблема повторилась сегодня в 14:40")
                        .lacks("зарегистрировано", "Мария Иванова"));
    }

    /** R12: the customer answers the solution of closed 1070 with the reason it did not help. */
    private static EmailCorpus.Entry closedTicketReplyByThread() {
        byte[] raw = text("""
                From: %s <ip.petrov@yandex.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 15:10:00 +0300
                Message-ID: <2271732450600@mail.yandex.ru>
                In-Reply-To: %s
                References: %s %s
                X-Mailer: Yamail [ http://yandex.ru ] 5.0
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64

                %s
                """.formatted(enc("ИП Петров"), enc("Re: Предоставление решения по Обращению № 1070"), SOLUTION_1070,
                root("1070"), SOLUTION_1070, b64("""
                        Решение не помогло: после переустановки КриптоПро подпись всё равно не находится.

                        24.11.2026, 12:00, "Служба поддержки GetMark" <help@getmark.ru>:
                        > Предлагаем переустановить КриптоПро CSP.

                        --
                        Отправлено из мобильной Яндекс Почты
                        """)));
        return entry("closed_ticket_reply_by_thread", "R12: reason the solution did not help, closed ticket 1070",
                raw, "ip.petrov@yandex.ru",
                Expected.followUp("1070", true)
                        .contains("Решение не помогло")
                        .lacks("Предлагаем переустановить", "Яндекс Почты"));
    }

    /** R4: the customer's mobile client dropped the thread headers; the subject's № and the address match. */
    private static EmailCorpus.Entry subjectReplyFromCustomer() {
        byte[] raw = text("""
                From: %s <M.Ivanova@SeverTorg.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 15:20:00 +0300
                Message-ID: <AB12CD34-EF56-4A78-9B0C-D1E2F3A4B5C6@severtorg.ru>
                X-Mailer: iPhone Mail (21G93)
                Mime-Version: 1.0 (1.0)
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                %s""".formatted(enc("Иванова Мария"), enc("Re: Предоставление решения по Обращению № 1057"),
                qpUtf8("Решение не помогло, ошибка осталась.\n\nОтправлено с iPhone")));
        return entry("subject_reply_from_customer", "R4 R12: reply by the subject's № from the ticket's customer",
                raw, "m.ivanova@severtorg.ru",
                Expected.followUp("1057", false)
                        .contains("Решение не помогло, ошибка осталась.")
                        .lacks("iPhone"));
    }

    /** A stranger names 1057 in the subject and gives an ИНН: a new request linked to 1057. */
    private static EmailCorpus.Entry subjectNumberFromStrangerWithInn() {
        byte[] raw = text("""
                From: %s <kolya@stranger-llc.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 15:30:00 +0300
                Message-ID: <20261124153000.3141@stranger-llc.ru>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Коллеги из СеверТорга сказали, что у них обращение 1057 с той же ошибкой при подписании УПД.
                У нас то же самое. ИНН 6632017899.
                """.formatted(enc("Николай"), enc("Обращение № 1057 — у нас то же самое")));
        return entry("subject_number_stranger_with_inn", "R4: a stranger's subject names 1057: new request linked",
                raw, "kolya@stranger-llc.ru",
                Expected.newRequest("6632017899").related("1057")
                        .contains("У нас то же самое"));
    }

    /** Someone forges References with 1042's guessable thread root: never attached to another's ticket. */
    private static EmailCorpus.Entry threadRootOnlyFromStranger() {
        byte[] raw = text("""
                From: hacker@evil.example
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 15:40:00 +0300
                Message-ID: <forged-0001@evil.example>
                References: %s
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Прошу закрыть обращение и сменить контактный адрес на этот. ИНН 5406012341
                """.formatted(enc("Re: Обращение"), root("1042")));
        return entry("thread_root_only_stranger", "R4: forged References with 1042's thread root from a stranger",
                raw, "hacker@evil.example",
                Expected.newRequest("5406012341").related("1042").contains("сменить контактный адрес"));
    }
}
