package ru.getmark.support.ticket.domain.sla;

/**
 * What the production calendar says about one date that is not an ordinary day of the Mon–Fri week (R9).
 *
 * <p>Only exceptions are listed in the calendar; every other Mon–Fri is a working day and every other
 * Saturday or Sunday a day off.
 */
public enum DayKind {

    /** Нерабочий праздничный день (Labour Code art. 112), on whatever day of the week it falls. */
    HOLIDAY(false),

    /** Перенесённый выходной: a Mon–Fri made a day off, by the yearly decree or by art. 112. */
    DAY_OFF(false),

    /** Рабочая суббота/воскресенье: a Saturday or Sunday made a full working day by the decree. */
    WORKING(true),

    /**
     * Предпраздничный день (art. 95): a working day, on any day of the week, one hour shorter by law.
     * R9 keeps the regulation's fixed hours, so the SLA clock shortens it only when configured to
     * ({@link WorkingHours#withPreHolidayShortening}).
     */
    SHORT(true);

    private final boolean working;

    DayKind(boolean working) {
        this.working = working;
    }

    /** Whether support works on a day of this kind. */
    public boolean working() {
        return working;
    }
}
