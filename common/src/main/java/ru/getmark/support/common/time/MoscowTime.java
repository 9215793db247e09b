package ru.getmark.support.common.time;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Moscow time, the time of the regulation: deadlines and notices are in MSK. */
public final class MoscowTime {

    public static final ZoneId ZONE = ZoneId.of("Europe/Moscow");

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("dd.MM.yyyy HH:mm").withZone(ZONE);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd.MM.yyyy").withZone(ZONE);

    private MoscowTime() {
    }

    /** {@code дд.мм.гггг чч:мм (Мск)}, as Appendix 1 writes times. */
    public static String format(Instant instant) {
        return DATE_TIME.format(instant) + " (Мск)";
    }

    /** {@code дд.мм.гггг}, as Appendix 1 writes the new date of a deadline change. */
    public static String formatDate(Instant instant) {
        return DATE.format(instant);
    }
}
