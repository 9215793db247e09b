package ru.getmark.support.email.domain;

import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.TicketType;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Type and impact taken from what the customer wrote, when they say it (R3, R6, R7); otherwise null, and the ticket
 * service flags the ticket for the first line. Keywords match the start of a word, case-insensitively, ё = е.
 * <p>
 * Type: the regulation's own names first ("Ошибка ПО", "Запрос на изменение", "Корректировка данных",
 * "Консультация"), else keyword groups in the order data correction, change request, software bug, consultation
 * (the more specific wins: "подскажите, почему выдаёт ошибку" is a bug, "вопрос по корректировке" a correction).
 * Impact: "does not affect" first ("не мешает" must not read as "мешает"), then stops, then hinders.
 */
final class Keywords {

    private static final Map<TicketType, List<String>> EXPLICIT = Map.of(
            TicketType.SOFTWARE_BUG, List.of("ошибка по"),
            TicketType.CHANGE_REQUEST, List.of("запрос на изменение"),
            TicketType.DATA_CORRECTION, List.of("корректировка данных"),
            TicketType.CONSULTATION, List.of("консультация"));
    private static final List<Map.Entry<TicketType, Pattern>> TYPES = List.of(
            Map.entry(TicketType.DATA_CORRECTION, words("исправить данные", "исправьте данные", "исправление данных",
                    "исправить ошибку в данных", "корректировк", "скорректир", "откорректир", "неверные данные",
                    "неправильные данные", "ошибочные данные", "изменить данные", "поправить данные")),
            Map.entry(TicketType.CHANGE_REQUEST, words("доработк", "доработать", "предложени", "предлагаю",
                    "предлагаем", "добавить возможность", "добавьте возможность", "хотелось бы", "нужна функция",
                    "новую функцию", "новая функция", "пожелани")),
            Map.entry(TicketType.SOFTWARE_BUG, words("ошибк", "не работа", "сбой", "сбои", "зависа", "вылета",
                    "падает", "баг", "не загружа", "не открыва", "не отправля", "не формиру", "не проход",
                    "не удается", "не удаётся", "exception", "error")),
            Map.entry(TicketType.CONSULTATION, words("вопрос", "как сделать", "как настроить", "как можно",
                    "подскажите", "консультац", "разъясн", "объясните", "где найти", "каким образом")));
    private static final List<Map.Entry<Impact, Pattern>> IMPACTS = List.of(
            Map.entry(Impact.NO_EFFECT, words("не влияет", "не мешает", "не критично", "не срочн",
                    "работе не мешает", "не влияя")),
            Map.entry(Impact.STOPS_OPERATIONS, words("не можем работать", "не можем отгруз", "не можем отправ",
                    "не можем продавать", "не можем принять", "не можем выпустить", "остановлен", "остановил",
                    "стоит склад", "склад стоит", "стоит отгрузк", "отгрузка стоит", "стоит производств",
                    "производство стоит", "работа стоит", "простаива", "парализ", "полностью не работает")),
            Map.entry(Impact.HINDERS_OPERATIONS, words("мешает", "приходится вручную", "вручную", "замедля",
                    "неудобно", "тормозит работу")));

    private Keywords() {
    }

    static TicketType type(String text) {
        String t = normalise(text);
        if (t.isEmpty()) {
            return null;
        }
        TicketType explicit = null;
        int at = Integer.MAX_VALUE;
        for (Map.Entry<TicketType, List<String>> e : EXPLICIT.entrySet()) {
            for (String phrase : e.getValue()) {
                var m = words(phrase).matcher(t);
                if (m.find() && m.start() < at) {
                    at = m.start();
                    explicit = e.getKey();
                }
            }
        }
        if (explicit != null) {
            return explicit;
        }
        for (Map.Entry<TicketType, Pattern> e : TYPES) {
            if (e.getValue().matcher(t).find()) {
                return e.getKey();
            }
        }
        return null;
    }

    static Impact impact(String text) {
        String t = normalise(text);
        for (Map.Entry<Impact, Pattern> e : IMPACTS) {
            if (e.getValue().matcher(t).find()) {
                return e.getKey();
            }
        }
        return null;
    }

    private static Pattern words(String... stems) {
        StringBuilder sb = new StringBuilder("(?<![\\p{L}\\p{N}])(");
        for (int i = 0; i < stems.length; i++) {
            if (i > 0) {
                sb.append('|');
            }
            sb.append(Pattern.quote(normalise(stems[i])).replace(" ", "\\E\\s+\\Q"));
        }
        return Pattern.compile(sb.append(')').toString(), Pattern.UNICODE_CASE);
    }

    private static String normalise(String text) {
        return text == null ? "" : text.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }
}
