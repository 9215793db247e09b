package ru.getmark.support.email.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** R4 R11 R12: what the sender wrote now, without quoted history and signature; forwards kept. */
class ReplyTextTest {

    private static ReplyText.Parts split(String subject, String... lines) {
        return ReplyText.split(String.join("\n", lines), subject);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "пн, 23 нояб. 2026 г. в 10:15, Служба поддержки GetMark <help@getmark.ru>:",
            "вт, 1 дек. 2026 г., 9:05 Иван Петров <ivan@x.ru>:",
            "On Mon, 23 Nov 2026 at 10:15, GetMark Support <help@getmark.ru> wrote:",
            "23.11.2026 10:15, Иван Петров пишет:",
            "23.11.2026, 10:15, \"Служба поддержки GetMark\" <help@getmark.ru>:",
            "В пн, 23.11.2026 в 10:15, GetMark написал(а):",
            "-----Original Message-----",
            "-------- Исходное сообщение --------",
            "----- Original Message -----"})
    @DisplayName("R11: attribution lines and original-message separators start the history")
    void historyMarkers(String marker) {
        ReplyText.Parts parts = split("Re: Обращение № 1042", "Номер документа 318.", "", marker, "",
                "Укажите номер документа.", "> ещё цитата");
        assertThat(parts.fresh()).isEqualTo("Номер документа 318.");
        assertThat(parts.quoted()).contains("Укажите номер документа.");
    }

    @Test
    void gmailAttributionWrappedOverTwoLines() {
        ReplyText.Parts parts = split("Re: x", "Ответ.", "", "пн, 23 нояб. 2026 г. в 10:15, Служба поддержки GetMark <",
                "help@getmark.ru>:", "", "> Вопрос");
        assertThat(parts.fresh()).isEqualTo("Ответ.");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"От:|Отправлено:|Кому:|Тема:", "From:|Sent:|To:|Subject:", "*From:*|*Sent:*|*To:*|*Subject:*",
            "Отправитель:|Дата:|Кому:|Тема:"})
    @DisplayName("R11: Outlook header blocks start the history")
    void outlookBlocks(String labels) {
        String[] l = labels.split("\\|");
        ReplyText.Parts parts = split("RE: Запрос дополнительных сведений № 1042", "Накладная ТН-5521.", "",
                "________________________________", l[0] + " GetMark <help@getmark.ru>",
                l[1] + " 23 ноября 2026 г. 12:00", l[2] + " Логистика <logist@x.ru>", l[3] + " Запрос", "",
                "Уточните номер накладной.");
        assertThat(parts.fresh()).isEqualTo("Накладная ТН-5521.");
        assertThat(parts.quoted()).contains("Уточните номер накладной.");
    }

    @Test
    @DisplayName("a lone 'От:' line in the text is not an Outlook block")
    void loneFromLineIsText() {
        ReplyText.Parts parts = split("x", "От: склада пришла накладная без кодов.", "Что делать?");
        assertThat(parts.fresh()).isEqualTo("От: склада пришла накладная без кодов.\nЧто делать?");
    }

    @Test
    @DisplayName("a forward keeps its Outlook header block: it is the content")
    void forwardKeepsOutlookBlock() {
        ReplyText.Parts parts = split("FW: Ошибка агрегации", "Смотрите ниже.", "", "From: Склад <sklad@x.ru>",
                "Sent: Friday, November 20, 2026 5:45 PM", "To: Козлов", "Subject: Ошибка агрегации", "",
                "Коды не агрегируются.");
        assertThat(parts.fresh()).contains("Смотрите ниже.", "Коды не агрегируются.");
        assertThat(parts.quoted()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-------- Пересланное сообщение --------", "---------- Forwarded message ---------",
            "-------- Перенаправленное сообщение --------", "Begin forwarded message:"})
    @DisplayName("forward markers end the scan: quotes inside a forward stay")
    void forwardMarkers(String marker) {
        ReplyText.Parts parts = split("Fwd: x", "Посмотрите.", "", marker, "От: a@b.ru", "", "Текст клиента.",
                "> его цитата", "", "-- ", "подпись клиента");
        assertThat(parts.fresh()).startsWith("Посмотрите.\n\n" + marker)
                .contains("Текст клиента.", "> его цитата", "подпись клиента");
    }

    @Test
    @DisplayName("bottom-posting: new text between quotes is kept, quote lines dropped")
    void interleaved() {
        ReplyText.Parts parts = split("Re: x", "23.11.2026 10:15, GetMark пишет:", "> Вопрос 1?", "Ответ 1.",
                "> Вопрос 2?", "Ответ 2.");
        // the attribution at the very top starts the history: everything below it is history
        assertThat(parts.fresh()).isEmpty();
        ReplyText.Parts inline = split("Re: x", "> Вопрос 1?", "Ответ 1.", "> Вопрос 2?", "Ответ 2.");
        assertThat(inline.fresh()).isEqualTo("Ответ 1.\nОтвет 2.");
        assertThat(inline.quoted()).contains("> Вопрос 1?", "> Вопрос 2?");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-- ", "--", "Отправлено с iPhone", "Sent from my iPhone", "Отправлено с моего iPad",
            "Отправлено из мобильной Почты Mail.ru", "Отправлено из Яндекс Почты для Android",
            "Get Outlook for Android", "Sent from my Samsung Galaxy smartphone.", "Отправлено из приложения Почта для Windows"})
    @DisplayName("signature delimiters and mobile footers are cut")
    void signatures(String delimiter) {
        ReplyText.Parts parts = split("x", "Текст.", "", delimiter, "Иван", "+7 900 000-00-00");
        assertThat(parts.fresh()).isEqualTo("Текст.");
        assertThat(parts.signature()).contains("+7 900 000-00-00");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"С уважением,", "С уважением, Иван Петров", "Best regards,", "С наилучшими пожеланиями!",
            "Спасибо, с уважением,"})
    void closingBlocks(String closing) {
        ReplyText.Parts parts = split("x", "Добрый день!", "Не работает печать.", "", closing, "Иван Петров",
                "ООО «Ромашка»", "ИНН 7707083893");
        assertThat(parts.fresh()).isEqualTo("Добрый день!\nНе работает печать.");
        assertThat(parts.signature()).contains("ИНН 7707083893");
        assertThat(parts.freshWithSignature()).contains("Не работает печать.", "ИНН 7707083893");
    }

    @Test
    @DisplayName("'с уважением' early in a long text is not a signature")
    void closingFarFromTheEnd() {
        String[] lines = new String[20];
        lines[0] = "С уважением к вашему времени, коротко:";
        for (int i = 1; i < lines.length; i++) {
            lines[i] = "шаг " + i;
        }
        assertThat(split("x", lines).fresh()).startsWith("С уважением к вашему времени").endsWith("шаг 19");
    }

    @Test
    void nothingToTrim() {
        ReplyText.Parts parts = split("x", "Просто текст.", "Вторая строка.");
        assertThat(parts.fresh()).isEqualTo("Просто текст.\nВторая строка.");
        assertThat(parts.signature()).isEmpty();
        assertThat(parts.quoted()).isEmpty();
        assertThat(ReplyText.split(null, null).fresh()).isEmpty();
    }
}
