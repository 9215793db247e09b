package ru.getmark.support.email.corpus;

import ru.getmark.support.email.domain.Verdict;

import java.util.List;

import static ru.getmark.support.email.corpus.EmailCorpus.REG_1042;
import static ru.getmark.support.email.corpus.EmailCorpus.REG_1057;
import static ru.getmark.support.email.corpus.EmailCorpus.SOLUTION_1057;
import static ru.getmark.support.email.corpus.EmailCorpus.b64;
import static ru.getmark.support.email.corpus.EmailCorpus.enc;
import static ru.getmark.support.email.corpus.EmailCorpus.entry;
import static ru.getmark.support.email.corpus.EmailCorpus.nullSender;
import static ru.getmark.support.email.corpus.EmailCorpus.qpUtf8;
import static ru.getmark.support.email.corpus.EmailCorpus.root;
import static ru.getmark.support.email.corpus.EmailCorpus.text;

/**
 * Mail no person wrote: auto-replies, out-of-office, lists, read receipts, bounces, our own notices coming back.
 * Never a ticket and never an answer (no loop); a bounce of our notice is recorded against its ticket.
 */
final class Automatic {

    private Automatic() {
    }

    static void add(List<EmailCorpus.Entry> list) {
        list.add(autoSubmittedVacation());
        list.add(exchangeOutOfOffice());
        list.add(yandexXAutoreply());
        list.add(newsletterBulk());
        list.add(googleGroupListId());
        list.add(readReceipt());
        list.add(dsnOfOurNotice());
        list.add(dsnOfSomethingElse());
        list.add(eximBounceOfOurNotice());
        list.add(russianPostmasterBounce());
        list.add(ownNoticeBack());
        list.add(ownMessageIdRedirected());
        list.add(emptyReturnPath());
    }

    /** RFC 3834 vacation reply from a Postfix/Dovecot server, In-Reply-To our notice. */
    private static EmailCorpus.Entry autoSubmittedVacation() {
        byte[] raw = text("""
                From: %s <buh@romashka.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Mon, 23 Nov 2026 10:16:00 +0300
                Message-ID: <dovecot-sieve-1700723760-12345-0@mail.romashka.ru>
                In-Reply-To: %s
                References: %s %s
                Auto-Submitted: auto-replied (vacation)
                Precedence: bulk
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Я в отпуске до 30.11.2026. По срочным вопросам: ИНН 7707083893, звоните главному бухгалтеру.
                """.formatted(enc("Бухгалтерия"), enc("Автоматический ответ: Регистрация Обращения № 1042"), REG_1042,
                root("1042"), REG_1042));
        return entry("autoreply_auto_submitted", "RFC 3834 vacation reply (Auto-Submitted: auto-replied)", raw,
                "buh@romashka.ru", Expected.ignore().contains("Auto-Submitted"));
    }

    /** Exchange out-of-office: X-Auto-Response-Suppress and "Автоматический ответ:", no Auto-Submitted. */
    private static EmailCorpus.Entry exchangeOutOfOffice() {
        String b = "_000_DB9PR07MB7785A1B2C3D4E5F6DB9PR07MB7785eurprd07prod_";
        String plain = "Здравствуйте!\n\nЯ нахожусь в отпуске до 01.12.2026 без доступа к почте.\n\nС уважением,\n"
                + "Мария Иванова\nООО «СеверТорг», ИНН 5001007329\n";
        byte[] raw = text("""
                From: %s <m.ivanova@severtorg.ru>
                To: GetMark <help@getmark.ru>
                Subject: %s
                Thread-Topic: %s
                Thread-Index: AQHaHfI3kQk1bLzK8kO4cA==
                Date: Mon, 23 Nov 2026 12:00:10 +0000
                Message-ID: <DB9PR07MB7785A1B2C3D4E5F6@DB9PR07MB7785.eurprd07.prod.outlook.com>
                In-Reply-To: %s
                References: %s
                X-Auto-Response-Suppress: All
                X-MS-Exchange-Inbox-Rules-Loop: m.ivanova@severtorg.ru
                X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent
                Content-Language: ru-RU
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="%s"

                --%s
                Content-Type: text/plain; charset="utf-8"
                Content-Transfer-Encoding: base64

                %s
                --%s
                Content-Type: text/html; charset="utf-8"
                Content-Transfer-Encoding: base64

                %s
                --%s--
                """.formatted(Mails.b("Иванова Мария", Mails.KOI8_R), enc("Автоматический ответ: Регистрация Обращения № 1057"),
                enc("Регистрация Обращения № 1057"), REG_1057, root("1057"), b, b, b64(plain), b,
                b64("<html><body><p>" + plain.replace("\n", "<br>") + "</p></body></html>"), b));
        return entry("exchange_out_of_office", "Exchange OOF: X-Auto-Response-Suppress + 'Автоматический ответ:'",
                raw, "m.ivanova@severtorg.ru", Expected.ignore().contains("auto-reply subject"));
    }

    /** Yandex/Mail.ru-style autoresponder: only X-Autoreply, an ordinary "Re:" subject and an ИНН in the text. */
    private static EmailCorpus.Entry yandexXAutoreply() {
        byte[] raw = text("""
                From: %s <sales@optovik.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 12:00:00 +0300
                Message-ID: <autoreply-20261124120000-777@mail.optovik.ru>
                X-Autoreply: yes
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: quoted-printable

                %s""".formatted(enc("Отдел продаж"), enc("Re: Не формируется УПД"),
                qpUtf8("Спасибо за письмо! Мы ответим в течение рабочего дня.\nООО «Оптовик», ИНН 6632017899\n")));
        return entry("autoreply_x_autoreply", "autoresponder with only X-Autoreply: yes (and an ИНН in it)", raw,
                "sales@optovik.ru", Expected.ignore().contains("x-autoreply"));
    }

    /** A newsletter: Precedence: bulk, List-Unsubscribe, HTML. */
    private static EmailCorpus.Entry newsletterBulk() {
        byte[] raw = text("""
                From: %s <news@ofd-partner.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 07:00:00 +0300
                Message-ID: <newsletter.20261124.000123@ofd-partner.ru>
                Precedence: bulk
                List-Unsubscribe: <https://ofd-partner.ru/unsubscribe?u=123>, <mailto:unsubscribe@ofd-partner.ru>
                List-Unsubscribe-Post: List-Unsubscribe=One-Click
                MIME-Version: 1.0
                Content-Type: text/html; charset=utf-8
                Content-Transfer-Encoding: base64

                %s
                """.formatted(enc("ОФД-Партнёр"), enc("Новости маркировки: изменения с 1 декабря"),
                b64("<html><body><h1>Новости</h1><p>С 1 декабря меняются правила. ИНН 7707083893.</p></body></html>")));
        return entry("newsletter_bulk", "newsletter: Precedence: bulk + List-Unsubscribe", raw, "news@ofd-partner.ru",
                Expected.ignore().contains("Precedence: bulk"));
    }

    /** Through a Google Group: List-Id only (decision: list traffic is never a request, never answered). */
    private static EmailCorpus.Entry googleGroupListId() {
        byte[] raw = text("""
                From: %s <it@romashka.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 12:30:00 +0300
                Message-ID: <CAGq1=list0001@mail.gmail.com>
                List-Id: <it-team.romashka.ru>
                Mailing-list: list it-team@romashka.ru; contact it-team+owners@romashka.ru
                X-Google-Group-Id: 123456789012
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Коллеги, напоминаю про обновление ПО GetMark в пятницу. ИНН 7707083893.
                """.formatted(enc("ИТ-отдел"), enc("Обновление ПО")));
        return entry("mailing_list_list_id", "Google Group message with List-Id (list traffic ignored)", raw,
                "it@romashka.ru", Expected.ignore().contains("List-Id"));
    }

    /** A read receipt (MDN, multipart/report; report-type=disposition-notification). */
    private static EmailCorpus.Entry readReceipt() {
        String b = "----=_NextPart_MDN_0001";
        byte[] raw = text("""
                From: %s <buh@romashka.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Mon, 23 Nov 2026 10:30:00 +0300
                Message-ID: <mdn-20261123103000-1@romashka.ru>
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=disposition-notification; boundary="%s"

                --%s
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Сообщение было прочитано 23.11.2026 10:30.
                --%s
                Content-Type: message/disposition-notification

                Reporting-UA: mail.romashka.ru; Microsoft Outlook 16.0
                Final-Recipient: rfc822;buh@romashka.ru
                Original-Message-ID: %s
                Disposition: manual-action/MDN-sent-manually; displayed

                --%s--
                """.formatted(enc("Бухгалтерия"), enc("Прочитано: Регистрация Обращения № 1042"), b, b, b, REG_1042,
                b));
        return entry("read_receipt_mdn", "read receipt (MDN) for our notice", raw, "buh@romashka.ru",
                Expected.ignore().contains("multipart/report"));
    }

    /** RFC 3464 bounce of our registration notice for 1042, with text/rfc822-headers (Postfix). */
    private static EmailCorpus.Entry dsnOfOurNotice() {
        String b = "4F1A2C0123.1700723702/mail.getmark.ru";
        byte[] raw = text("""
                Return-Path: <>
                Date: Mon, 23 Nov 2026 10:15:02 +0300 (MSK)
                From: MAILER-DAEMON@mail.getmark.ru (Mail Delivery System)
                Subject: Undelivered Mail Returned to Sender
                To: help@getmark.ru
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status;
                \tboundary="%s"
                Message-Id: <20261123071502.5B7E2C0456@mail.getmark.ru>

                This is a MIME-encapsulated message.

                --%s
                Content-Description: Notification
                Content-Type: text/plain; charset=us-ascii

                This is the mail system at host mail.getmark.ru.

                I'm sorry to have to inform you that your message could not
                be delivered to one or more recipients. It's attached below.

                <buh@romashka.ru>: host mx.romashka.ru[203.0.113.25] said: 550 5.1.1
                    <buh@romashka.ru>: Recipient address rejected: User unknown in virtual
                    mailbox table (in reply to RCPT TO command)

                --%s
                Content-Description: Delivery report
                Content-Type: message/delivery-status

                Reporting-MTA: dns; mail.getmark.ru
                X-Postfix-Queue-ID: 4F1A2C0123
                X-Postfix-Sender: rfc822; help@getmark.ru
                Arrival-Date: Mon, 23 Nov 2026 10:15:01 +0300 (MSK)

                Final-Recipient: rfc822; buh@romashka.ru
                Original-Recipient: rfc822;buh@romashka.ru
                Action: failed
                Status: 5.1.1
                Remote-MTA: dns; mx.romashka.ru
                Diagnostic-Code: smtp; 550 5.1.1 <buh@romashka.ru>: Recipient address rejected:
                    User unknown in virtual mailbox table

                --%s
                Content-Description: Undelivered Message Headers
                Content-Type: text/rfc822-headers

                From: %s <help@getmark.ru>
                To: buh@romashka.ru
                Message-ID: %s
                In-Reply-To: %s
                References: %s
                Subject: %s
                Auto-Submitted: auto-generated
                X-GetMark-Ticket: 1042

                --%s--
                """.formatted(b, b, b, b, enc("Служба поддержки GetMark"), REG_1042, root("1042"), root("1042"),
                enc("Регистрация Обращения № 1042"), b));
        return nullSender("dsn_of_our_notice", "RFC 3464 bounce (Postfix) of our registration notice for 1042", raw,
                "MAILER-DAEMON@mail.getmark.ru",
                Expected.deliveryFailure("1042").contains("5.1.1", "User unknown"));
    }

    /** RFC 3464 bounce of a message that is not ours (someone forged our address). */
    private static EmailCorpus.Entry dsnOfSomethingElse() {
        String b = "000000000000deadbeef0001";
        byte[] raw = text("""
                Return-Path: <>
                From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
                To: help@getmark.ru
                Subject: Delivery Status Notification (Failure)
                Date: Tue, 24 Nov 2026 13:00:00 +0300
                Message-ID: <5f8e7d6c.050a0220.1a2b3c.dsn01@mx.google.com>
                Auto-Submitted: auto-replied
                MIME-Version: 1.0
                Content-Type: multipart/report; boundary="%s"; report-type=delivery-status

                --%s
                Content-Type: text/plain; charset="UTF-8"

                Address not found
                Your message wasn't delivered to nobody@example.org because the address couldn't be found.

                --%s
                Content-Type: message/delivery-status

                Reporting-MTA: dns; googlemail.com
                Final-Recipient: rfc822; nobody@example.org
                Action: failed
                Status: 5.1.1
                Diagnostic-Code: smtp; 550 5.1.1 The email account that you tried to reach does not exist.

                --%s
                Content-Type: message/rfc822

                From: help@getmark.ru
                To: nobody@example.org
                Subject: Buy now
                Message-ID: <spam-777@spammer.example>
                Date: Tue, 24 Nov 2026 12:59:00 +0300

                Spam that used our address.
                --%s--
                """.formatted(b, b, b, b, b));
        return nullSender("dsn_of_something_else", "RFC 3464 bounce of a message we never sent", raw,
                "mailer-daemon@googlemail.com", Expected.ignore().contains("Auto-Submitted"));
    }

    /** Exim's plain-text bounce (not RFC 3464) with our solution notice for 1057 copied below. */
    private static EmailCorpus.Entry eximBounceOfOurNotice() {
        byte[] raw = text("""
                Return-path: <>
                X-Failed-Recipients: m.ivanova@severtorg.ru
                From: Mail Delivery System <Mailer-Daemon@mx1.severtorg.ru>
                To: help@getmark.ru
                Subject: Mail delivery failed: returning message to sender
                Message-Id: <E1tXyZa-0004Kq-7B@mx1.severtorg.ru>
                Date: Tue, 24 Nov 2026 13:10:00 +0300

                This message was created automatically by mail delivery software.

                A message that you sent could not be delivered to one or more of its
                recipients. This is a permanent error. The following address(es) failed:

                  m.ivanova@severtorg.ru
                    SMTP error from remote mail server after RCPT TO:<m.ivanova@severtorg.ru>:
                    552 5.2.2 Mailbox full

                ------ This is a copy of the message, including all the headers. ------

                Return-path: <help@getmark.ru>
                Received: from mail.getmark.ru ([198.51.100.7])
                From: help@getmark.ru
                To: m.ivanova@severtorg.ru
                Subject: %s
                Message-ID: %s
                In-Reply-To: %s
                References: %s
                Auto-Submitted: auto-generated

                Здравствуйте! Решение по Обращению № 1057 ...
                """.formatted(enc("Предоставление решения по Обращению № 1057"), SOLUTION_1057, root("1057"),
                root("1057")));
        return nullSender("exim_bounce_of_our_notice", "Exim plain-text bounce of our solution notice for 1057", raw,
                "Mailer-Daemon@mx1.severtorg.ru",
                Expected.deliveryFailure("1057").contains("Mailbox full"));
    }

    /** A Russian postmaster bounce about something else: no ids of ours. */
    private static EmailCorpus.Entry russianPostmasterBounce() {
        byte[] raw = text("""
                Return-Path: <>
                From: postmaster@mail.kolos-agro.ru
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 13:20:00 +0300
                Message-ID: <ndr-20261124-1320@mail.kolos-agro.ru>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=koi8-r
                Content-Transfer-Encoding: 8bit

                """.formatted(enc("Недоставленное сообщение")));
        byte[] body = text("""
                Ваше сообщение не доставлено: почтовый ящик director@kolos-agro.ru переполнен.
                Тема исходного сообщения: Договор поставки
                """, Mails.KOI8_R);
        return nullSender("postmaster_bounce_unknown", "Russian postmaster bounce (KOI8-R) of something not ours",
                Mails.concat(raw, body), "postmaster@mail.kolos-agro.ru",
                Expected.ignore().contains("delivery report"));
    }

    /** Our own registration notice came back (a customer's server redirected it to us). */
    private static EmailCorpus.Entry ownNoticeBack() {
        byte[] raw = text("""
                From: %s <help@getmark.ru>
                To: buh@romashka.ru
                Subject: %s
                Date: Mon, 23 Nov 2026 10:15:00 +0300
                Message-ID: %s
                In-Reply-To: %s
                References: %s
                Auto-Submitted: auto-generated
                X-Auto-Response-Suppress: All
                X-GetMark-Ticket: 1042
                X-GetMark-Notice: registration
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: base64

                %s
                """.formatted(enc("Служба поддержки GetMark"), enc("Регистрация Обращения № 1042"), REG_1042,
                root("1042"), root("1042"), b64("Здравствуйте! Ваше Обращение зарегистрировано под № 1042.")));
        return entry("own_notice_back", "our own notice (From help@getmark.ru) came back", raw, "help@getmark.ru",
                Expected.ignore(Verdict.Ignore.Cause.OWN_MAIL).contains("own address"));
    }

    /** A redirect that keeps our Message-ID but shows the customer's From (Resent-*). */
    private static EmailCorpus.Entry ownMessageIdRedirected() {
        byte[] raw = text("""
                Resent-From: buh@romashka.ru
                Resent-Date: Mon, 23 Nov 2026 10:20:00 +0300
                Resent-Message-ID: <resent-0001@romashka.ru>
                From: buh@romashka.ru
                To: help@getmark.ru
                Subject: %s
                Date: Mon, 23 Nov 2026 10:15:00 +0300
                Message-ID: <notice.deadline_change.1042.11aa22bb-33cc-44dd-55ee-66ff77aa88bb@getmark.ru>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                Здравствуйте! Срок рассмотрения Обращения № 1042 изменён.
                """.formatted(enc("Информация об изменении сроков рассмотрения Обращения № 1042")));
        return entry("own_message_id_redirected", "a redirect of our notice: customer's From, our Message-ID", raw,
                "buh@romashka.ru",
                Expected.ignore(Verdict.Ignore.Cause.OWN_MAIL).contains("our own domain"));
    }

    /** Only the null Return-Path says it is automatic (a CRM notification). */
    private static EmailCorpus.Entry emptyReturnPath() {
        byte[] raw = text("""
                Return-Path: <>
                From: crm@optovik.ru
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 14:00:00 +0300
                Message-ID: <crm-task-99812@optovik.ru>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=UTF-8
                Content-Transfer-Encoding: 8bit

                Задача «Связаться с поддержкой GetMark» просрочена. ИНН клиента 6632017899.
                """.formatted(enc("Задача просрочена")));
        return nullSender("empty_return_path", "a system notification with the null Return-Path only", raw,
                "crm@optovik.ru", Expected.ignore().contains("empty Return-Path"));
    }
}
