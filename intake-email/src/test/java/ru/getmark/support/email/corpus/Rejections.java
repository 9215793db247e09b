package ru.getmark.support.email.corpus;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.util.List;

import static ru.getmark.support.email.corpus.EmailCorpus.INVALID;
import static ru.getmark.support.email.corpus.EmailCorpus.MISSING;
import static ru.getmark.support.email.corpus.EmailCorpus.TOO_LARGE;
import static ru.getmark.support.email.corpus.EmailCorpus.address;
import static ru.getmark.support.email.corpus.EmailCorpus.date;
import static ru.getmark.support.email.corpus.EmailCorpus.enc;
import static ru.getmark.support.email.corpus.EmailCorpus.entry;
import static ru.getmark.support.email.corpus.EmailCorpus.filePart;
import static ru.getmark.support.email.corpus.EmailCorpus.text;
import static ru.getmark.support.email.corpus.EmailCorpus.textPart;
import static ru.getmark.support.email.corpus.EmailCorpus.to;

/** Refused with an answer (R1): no ИНН, a wrong ИНН, a stranger's reply without ИНН, mail over the limits. */
final class Rejections {

    private Rejections() {
    }

    static void add(List<EmailCorpus.Entry> list) {
        list.add(missingInn());
        list.add(wrongCheckDigit());
        list.add(wrongLength());
        list.add(subjectNumberFromStrangerWithoutInn());
        list.add(tooLargeFile());
        list.add(tooManyFiles());
    }

    private static EmailCorpus.Entry missingInn() {
        try {
            MimeMessage m = Mails.message("<CAJ8m4Yw2=NoInn7pQ@mail.gmail.com>");
            m.setFrom(address("olga.trade@gmail.com", "Ольга"));
            to(m);
            m.setSubject("Не печатаются этикетки", "UTF-8");
            m.setSentDate(date("Tue, 24 Nov 2026 16:00:00 +0300"));
            MimeMultipart alt = new MimeMultipart("alternative");
            alt.addBodyPart(textPart("Здравствуйте! Со вчерашнего дня не печатаются этикетки, принтер пишет "
                    + "«ошибка шаблона». Тел. 9161234567.\n", "plain"));
            alt.addBodyPart(textPart("<div dir=\"ltr\">Здравствуйте! Со вчерашнего дня не печатаются этикетки, принтер "
                    + "пишет «ошибка шаблона». Тел. 9161234567.</div>", "html"));
            m.setContent(alt);
            return entry("missing_inn", "R1: Gmail request without any ИНН (a phone number is not one)",
                    Mails.bytes(m), "olga.trade@gmail.com",
                    Expected.reject(MISSING)
                            .contains("НЕ зарегистрировано", "ИНН", "help@getmark.ru", "@help_getmark_bot",
                                    "+7 925 950-91-18", "8 800 550-22-79")
                            .lacks("9161234567"));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmailCorpus.Entry wrongCheckDigit() {
        byte[] raw = text("""
                From: %s <zakaz@vostok-torg.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 16:10:00 +0300
                Message-ID: <20261124161000.55@vostok-torg.ru>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Не проходит ввод в оборот, ошибка 403. ИНН 7707083894.
                """.formatted(enc("Восток-Торг"), enc("Ввод в оборот")));
        return entry("wrong_check_digit", "R1: ИНН with a wrong check digit", raw, "zakaz@vostok-torg.ru",
                Expected.reject(INVALID).contains("НЕ зарегистрировано", "7707083894", "контрольная цифра",
                        "@help_getmark_bot"));
    }

    private static EmailCorpus.Entry wrongLength() {
        byte[] raw = text("""
                From: sklad@vostok-torg.ru
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 16:15:00 +0300
                Message-ID: <20261124161500.56@vostok-torg.ru>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=windows-1251
                Content-Transfer-Encoding: 8bit

                """.formatted(enc("Ошибка агрегации, ИНН 77070838931")));
        byte[] body = text("Коды не агрегируются. Подробности у кладовщика.\n", Mails.CP1251);
        return entry("wrong_length", "R1: 11-digit ИНН in the subject", Mails.concat(raw, body),
                "sklad@vostok-torg.ru",
                Expected.reject(INVALID).contains("77070838931", "10 цифр"));
    }

    private static EmailCorpus.Entry subjectNumberFromStrangerWithoutInn() {
        byte[] raw = text("""
                From: %s <anna@other-company.ru>
                To: help@getmark.ru
                Subject: %s
                Date: Tue, 24 Nov 2026 16:20:00 +0300
                Message-ID: <20261124162000.1@other-company.ru>
                MIME-Version: 1.0
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: 8bit

                Добрый день, что с нашей заявкой? Уже неделя прошла.
                """.formatted(enc("Анна"), enc("Re: Регистрация Обращения № 1042")));
        return entry("subject_number_stranger_no_inn", "R1 R4: a stranger's reply naming 1042, no ИНН: refused",
                raw, "anna@other-company.ru",
                Expected.reject(MISSING).contains("НЕ зарегистрировано"));
    }

    private static EmailCorpus.Entry tooLargeFile() {
        try {
            MimeMessage m = Mails.message("<too-large-0001@romashka.ru>");
            m.setFrom(address("buh@romashka.ru", "Бухгалтерия"));
            to(m);
            m.setSubject("Видео ошибки, ИНН 7707083893", "UTF-8");
            m.setSentDate(date("Tue, 24 Nov 2026 16:30:00 +0300"));
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(textPart("Записали видео ошибки при печати этикеток.\n", "plain"));
            mixed.addBodyPart(filePart(Mails.noise(6 * 1024 * 1024, 7), "video/mp4", "ошибка печати.mp4"));
            m.setContent(mixed);
            return entry("too_large_file", "a 6 MB video over the 5 MB per-file limit", Mails.bytes(m),
                    "buh@romashka.ru",
                    Expected.reject(TOO_LARGE).contains("НЕ зарегистрировано", "5 МБ", "ошибка печати.mp4")
                            .files(1));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EmailCorpus.Entry tooManyFiles() {
        try {
            MimeMessage m = Mails.message("<too-many-0001@severtorg.ru>");
            m.setFrom(address("m.ivanova@severtorg.ru", "Мария Иванова"));
            to(m);
            m.setSubject("Скриншоты ошибок, ИНН 5001007329", "UTF-8");
            m.setSentDate(date("Tue, 24 Nov 2026 16:40:00 +0300"));
            MimeMultipart mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(textPart("Скриншоты всех шагов во вложении.\n", "plain"));
            for (int i = 1; i <= 11; i++) {
                mixed.addBodyPart(filePart(Mails.png(1500, 100 + i), "image/png", "шаг " + i + ".png"));
            }
            m.setContent(mixed);
            return entry("too_many_files", "11 screenshots over the limit of 10 files", Mails.bytes(m),
                    "m.ivanova@severtorg.ru",
                    Expected.reject(TOO_LARGE).contains("11 файлов", "не более 10 файлов").files(11));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
