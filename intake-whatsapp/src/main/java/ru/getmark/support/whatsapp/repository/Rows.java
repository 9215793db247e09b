package ru.getmark.support.whatsapp.repository;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** Column values of native queries, whatever Java type the driver and Hibernate hand back for them. */
final class Rows {

    private Rows() {
    }

    static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        return Instant.parse(value.toString());
    }

    static int integer(Object value) {
        return value == null ? 0 : ((Number) value).intValue();
    }

    static Integer nullableInteger(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    static String cut(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
