package ru.getmark.support.email.corpus;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static ru.getmark.support.email.corpus.EmailCorpus.address;
import static ru.getmark.support.email.corpus.EmailCorpus.b64;
import static ru.getmark.support.email.corpus.EmailCorpus.bug;
import static ru.getmark.support.email.corpus.EmailCorpus.date;
import static ru.getmark.support.email.corpus.EmailCorpus.enc;
import static ru.getmark.support.email.corpus.EmailCorpus.entry;
import static ru.getmark.support.email.corpus.EmailCorpus.filePart;
import static ru.getmark.support.email.corpus.EmailCorpus.text;
import static ru.getmark.support.email.corpus.EmailCorpus.textPart;
import static ru.getmark.support.email.corpus.EmailCorpus.to;
import static ru.getmark.support.email.corpus.Mails.base64;
import static ru.getmark.support.email.corpus.Mails.pdf;
import static ru.getmark.support.email.corpus.Mails.png;
import static ru.getmark.support.email.corpus.Mails.zip;

/** Files and forwards: screenshots, logs, PDFs, archives, inline images, message/rfc822 and inline forwards (R3). */
final class Attachments {

    /** The log file of {@link #screenshotLogXlsx()}: its lines must never leak into the ticket text. */
    static final String LOG = "2026-11-23 10:14:59,120 ERROR [main] ru.getmark.client.Upload - HTTP 500 from /api/v3/upd\n"
            + "2026-11-23 10:15:00,004 ERROR [main] ru.getmark.client.Upload - retry 3 of 3 failed\n";

    private Attachments() {
    }

    static void add(List<EmailCorpus.Entry> list) {
        list.add(screenshotLogXlsx());
        list.add(pdfZipRfc2231());
        list.add(thunderbirdInlineImage());
        list.add(forwardAsRfc822());
        list.add(gmailInlineForward());
    }

    /** Outlook: text, a PNG screenshot (RFC 2231 name), a .log file, an .xlsx named with an encoded word. */
    private static EmailCorpus.Entry screenshotLogXlsx() {
        String b = "----=_NextPart_000_0012_01DA1E2B.5C3D4E50";
        String plain = "Добрый день!\n\nПри выгрузке УПД из 1С получаем ошибку HTTP 500. Скриншот, лог и реестр "
                + "документов во вложении.\nИНН 7707083893\n";
        byte[] raw = text("""
                From: %s <buh@romashka.ru>
                To: <help@getmark.ru>
                Subject: %s
                Date: Tue, 24 Nov 2026 10:20:00 +0300
                Message-ID: <002201da1e2b$5c3d4e50$14b7eaf0$@romashka.ru>
                MIME-Version: 1.0
                Content-Type: multipart/mixed;
                \tboundary="%s"
                X-Mailer: Microsoft Outlook 16.0
                Content-Language: ru
                X-MS-Has-Attach: yes

                This is a multi-part message in MIME format.

                --%s
                Content-Type: text/plain;
                \tcharset="utf-8"
                Content-Transfer-Encoding: base64

                %s
                --%s
                Content-Type: image/png;
                \tname*=utf-8''%%D0%%A1%%D0%%BD%%D0%%B8%%D0%%BC%%D0%%BE%%D0%%BA%%20%%D1%%8D%%D0%%BA%%D1%%80%%D0%%B0%%D0%%BD%%D0%%B0.png
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment;
                \tfilename*=utf-8''%%D0%%A1%%D0%%BD%%D0%%B8%%D0%%BC%%D0%%BE%%D0%%BA%%20%%D1%%8D%%D0%%BA%%D1%%80%%D0%%B0%%D0%%BD%%D0%%B0.png

                %s
                --%s
                Content-Type: text/plain;
                \tname="upload.log"
                Content-Transfer-Encoding: quoted-printable
                Content-Disposition: attachment;
                \tfilename="upload.log"

                %s
                --%s
                Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;
                \tname="%s"
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment;
                \tfilename="%s"

                %s
                --%s--
                """.formatted(enc("Бухгалтерия Ромашка"), enc("Ошибка выгрузки УПД из 1С"), b, b, b64(plain), b,
                base64(png(4000, 2)), b, Mails.qp(LOG, StandardCharsets.UTF_8), b, enc("Реестр УПД ноябрь.xlsx"),
                enc("Реестр УПД ноябрь.xlsx"), base64(zip("xl/workbook.xml", "<workbook/>")), b));
        return entry("attachments_png_log_xlsx", "Outlook: screenshot (RFC 2231), .log, .xlsx (encoded-word name)",
                raw, "buh@romashka.ru",
                bug(Expected.newRequest("7707083893"), "integration.1c", null)
                        .contains("получаем ошибку HTTP 500")
                        .lacks("retry 3 of 3", "ERROR [main]")
                        .files(3));
    }

    /** A PDF with an RFC 2231 name and a zip whose name is split into RFC 2231 continuations. */
    private static EmailCorpus.Entry pdfZipRfc2231() {
        String b = "------------0A1B2C3D4E5F6A7B8C9D0E1F";
        byte[] raw = text("""
                Message-ID: <8e7d6c5b-4a39-4281-9f0e-1d2c3b4a5968@agrokombinat.ru>
                Date: Tue, 24 Nov 2026 10:40:00 +0300
                MIME-Version: 1.0
                User-Agent: Mozilla Thunderbird
                Content-Language: ru
                To: help@getmark.ru
                From: %s <buh@agrokombinat.ru>
                Subject: %s
                Content-Type: multipart/mixed; boundary="%s"

                This is a multi-part message in MIME format.
                --%s
                Content-Type: text/plain; charset=UTF-8; format=flowed
                Content-Transfer-Encoding: 8bit

                Добрый день. Прошу скорректировать данные в счёте-фактуре: неверно указано количество.
                Счёт-фактура и выгрузка из 1С во вложении. ИНН 7715012342.

                --%s
                Content-Type: application/pdf;
                 name*=UTF-8''%%D0%%A1%%D1%%87%%D1%%91%%D1%%82%%2D%%D1%%84%%D0%%B0%%D0%%BA%%D1%%82%%D1%%83%%D1%%80%%D0%%B0%%20%%E2%%84%%9615.pdf
                Content-Disposition: attachment;
                 filename*=UTF-8''%%D0%%A1%%D1%%87%%D1%%91%%D1%%82%%2D%%D1%%84%%D0%%B0%%D0%%BA%%D1%%82%%D1%%83%%D1%%80%%D0%%B0%%20%%E2%%84%%9615.pdf
                Content-Transfer-Encoding: base64

                %s
                --%s
                Content-Type: application/zip;
                 name="vygruzka.zip"
                Content-Disposition: attachment;
                 filename*0*=UTF-8''%%D0%%92%%D1%%8B%%D0%%B3%%D1%%80%%D1%%83%%D0%%B7%%D0%%BA%%D0%%B0%%20;
                 filename*1*=%%D0%%B8%%D0%%B7%%20%%31%%D0%%A1.zip
                Content-Transfer-Encoding: base64

                %s
                --%s--
                """.formatted(enc("Бухгалтерия"), enc("Корректировка счёта-фактуры"), b, b, b,
                base64(pdf("Счёт-фактура 15")), b, base64(zip("export.xml", "<export/>")), b));
        return entry("attachments_pdf_zip_rfc2231", "Thunderbird: PDF and zip with RFC 2231 (continued) names", raw,
                "buh@agrokombinat.ru",
                Expected.newRequest("7715012342")
                        .classified(ru.getmark.support.common.event.TicketType.DATA_CORRECTION, "integration.1c", null)
                        .contains("неверно указано количество")
                        .files(2));
    }

    /** Thunderbird HTML with a screenshot pasted into the text (multipart/related, cid:). */
    private static EmailCorpus.Entry thunderbirdInlineImage() {
        String b1 = "------------Alt7F6E5D4C3B2A1908";
        String b2 = "------------Rel0918273645AABBCCDD";
        String html = """
                <html><head><meta http-equiv="content-type" content="text/html; charset=UTF-8"></head>
                <body><p>Добрый день!</p><p>Сканер ТСД не считывает коды при агрегации в короб, вот что показывает экран:</p>
                <p><img src="cid:part1.5A6B7C8D.9E0F1A2B@kolos-agro.ru" alt="" class="moz-embedded-image"></p>
                <p>ИНН 6632017899</p></body></html>
                """;
        byte[] raw = text("""
                Message-ID: <3a4b5c6d-7e8f-4091-a2b3-c4d5e6f7a8b9@kolos-agro.ru>
                Date: Tue, 24 Nov 2026 11:00:00 +0300
                MIME-Version: 1.0
                User-Agent: Mozilla Thunderbird
                To: help@getmark.ru
                From: %s <sklad@kolos-agro.ru>
                Subject: %s
                Content-Type: multipart/alternative; boundary="%s"

                This is a multi-part message in MIME format.
                --%s
                Content-Type: text/plain; charset=UTF-8; format=flowed
                Content-Transfer-Encoding: 8bit

                Добрый день!

                Сканер ТСД не считывает коды при агрегации в короб, вот что показывает\s
                экран:

                ИНН 6632017899

                --%s
                Content-Type: multipart/related; boundary="%s"

                --%s
                Content-Type: text/html; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                %s
                --%s
                Content-Type: image/png; name="xFq0cH2kP3.png"
                Content-Disposition: inline; filename="xFq0cH2kP3.png"
                Content-Id: <part1.5A6B7C8D.9E0F1A2B@kolos-agro.ru>
                Content-Transfer-Encoding: base64

                %s
                --%s--

                --%s--
                """.formatted(enc("Склад Колос"), enc("Не считываются коды при агрегации"), b1, b1, b1, b2, b2, html,
                b2, base64(png(2500, 3)), b2, b1));
        return entry("thunderbird_inline_image", "Thunderbird HTML+plain, screenshot pasted inline (related, cid)",
                raw, "sklad@kolos-agro.ru",
                Expected.newRequest("6632017899")
                        .classified(null, "codes.aggregation", null)
                        .contains("не считывает коды при агрегации в короб, вот что показывает экран")
                        .files(1));
    }

    /** Outlook "forward as attachment": message/rfc822 holding the warehouse's letter with a PDF. */
    private static EmailCorpus.Entry forwardAsRfc822() {
        try {
            MimeMessage inner = Mails.message("<CAK7nR4v=Qx2a9Lm0Pz@mail.sibmarket.ru>");
            inner.setFrom(address("sklad@sibmarket.ru", "Склад СибМаркет"));
            inner.setRecipients(jakarta.mail.Message.RecipientType.TO, "d.kozlov@sibmarket.ru");
            inner.setSubject("Ошибка агрегации", "UTF-8");
            inner.setSentDate(date("Fri, 20 Nov 2026 17:45:00 +0300"));
            MimeMultipart innerMixed = new MimeMultipart("mixed");
            innerMixed.addBodyPart(textPart("Дмитрий, коды не агрегируются в короб, ТСД пишет «код уже в агрегате».\n"
                    + "Наш ИНН 5406012341. Акт расхождений во вложении.\n", "plain"));
            innerMixed.addBodyPart(filePart(pdf("Акт расхождений"), "application/pdf", "Акт расхождений.pdf"));
            inner.setContent(innerMixed);
            inner.saveChanges();

            MimeMessage m = Mails.message("<VI1PR0701MB9988F0E1D2C3B4A5@VI1PR0701MB9988.eurprd07.prod.outlook.com>");
            m.setFrom(address("d.kozlov@sibmarket.ru", "Козлов Дмитрий"));
            to(m);
            m.setSubject("FW: Ошибка агрегации", "UTF-8");
            m.setSentDate(date("Tue, 24 Nov 2026 11:20:00 +0300"));
            m.setHeader("X-Mailer", "Microsoft Outlook 16.0");
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(textPart("Пересылаю письмо нашего склада, подробности и ИНН в письме ниже.\n", "plain"));
            MimeBodyPart attached = new MimeBodyPart();
            attached.setContent(inner, "message/rfc822");
            attached.setFileName("Ошибка агрегации.eml");
            attached.setDisposition(MimeBodyPart.ATTACHMENT);
            mixed.addBodyPart(attached);
            m.setContent(mixed);
            return entry("forward_as_rfc822", "Outlook forward as attachment (message/rfc822) with a PDF inside",
                    Mails.bytes(m), "d.kozlov@sibmarket.ru",
                    bug(Expected.newRequest("5406012341"), "codes.aggregation", null)
                            .contains("Пересылаю письмо нашего склада", "Пересланное сообщение",
                                    "коды не агрегируются в короб")
                            .files(1));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gmail inline forward: "---------- Forwarded message ---------" (kept: it is the content). */
    private static EmailCorpus.Entry gmailInlineForward() {
        String plain = """
                Переслано от коллеги, посмотрите, пожалуйста.

                ---------- Forwarded message ---------
                От: Петрова Анна <a.petrova@severtorg.ru>
                Date: пт, 20 нояб. 2026 г. в 17:30
                Subject: Не формируется отчет
                To: Волков Андрей <volkov.andrey@gmail.com>


                Отчет по складу не формируется, выдает ошибку «Timeout». ИНН 5001007329.
                """;
        String html = "<div dir=\"ltr\">Переслано от коллеги, посмотрите, пожалуйста.<br><br><div class=\"gmail_quote\">"
                + "<div dir=\"ltr\" class=\"gmail_attr\">---------- Forwarded message ---------<br>От: <strong>Петрова Анна"
                + "</strong> &lt;a.petrova@severtorg.ru&gt;<br></div><br><div>Отчет по складу не формируется, выдает "
                + "ошибку «Timeout». ИНН 5001007329.</div></div></div>";
        String b = "000000000000f1e2d3c4b5a69788";
        byte[] raw = text("""
                MIME-Version: 1.0
                References: <CAH4x9=aBcD@mail.gmail.com>
                In-Reply-To: <CAH4x9=aBcD@mail.gmail.com>
                From: %s <volkov.andrey@gmail.com>
                Date: Tue, 24 Nov 2026 11:40:00 +0300
                Message-ID: <CAJ8m4Yz7Kq=Fwd0pLm2Nx@mail.gmail.com>
                Subject: %s
                To: help@getmark.ru
                Content-Type: multipart/alternative; boundary="%s"

                --%s
                Content-Type: text/plain; charset="UTF-8"
                Content-Transfer-Encoding: base64

                %s
                --%s
                Content-Type: text/html; charset="UTF-8"
                Content-Transfer-Encoding: quoted-printable

                %s
                --%s--
                """.formatted(enc("Андрей Волков"), enc("Fwd: Не формируется отчет"), b, b, b64(plain), b,
                Mails.qp(html, StandardCharsets.UTF_8), b));
        return entry("gmail_inline_forward", "Gmail inline forward ('Forwarded message' block kept, ИНН inside)", raw,
                "volkov.andrey@gmail.com",
                bug(Expected.newRequest("5001007329"), "reports", null)
                        .contains("Переслано от коллеги", "Отчет по складу не формируется"));
    }
}
