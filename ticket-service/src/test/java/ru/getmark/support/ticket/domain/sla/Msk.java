package ru.getmark.support.ticket.domain.sla;

import java.time.Instant;
import java.time.LocalDateTime;

import ru.getmark.support.common.time.MoscowTime;

/** Test helper: Moscow wall-clock text to an instant, so expectations read as the regulation writes them. */
final class Msk {

    private Msk() {
    }

    /** {@code "2026-12-25T17:00"} (or with seconds) in Moscow time. */
    static Instant at(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(MoscowTime.ZONE).toInstant();
    }

    /** An instant as Moscow wall-clock text, for readable failure messages. */
    static String text(Instant instant) {
        return instant == null ? "null" : LocalDateTime.ofInstant(instant, MoscowTime.ZONE).toString();
    }
}
