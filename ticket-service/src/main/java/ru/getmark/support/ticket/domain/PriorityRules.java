package ru.getmark.support.ticket.domain;

import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketType;

/**
 * The priority a ticket gets at registration (R7, §5.16–5.17), from its type and the impact the customer
 * stated; {@code null} means "not stated":
 *
 * <pre>
 * type \ impact          stops     hinders   no effect   not stated
 * Ошибка ПО              Высокий   Средний   Средний     Средний
 * Корректировка данных   Высокий   Средний   Низкий      Средний
 * Консультация           Средний   Средний   Средний     Средний
 * Запрос на изменение    Низкий    Низкий    Низкий      Низкий
 * not stated             Высокий   Средний   Низкий      Средний
 * </pre>
 *
 * <p>Never Критический: staff set it when the product is fully unavailable (§5.16). Staff may change any
 * priority later; that is not this class's business.
 */
public final class PriorityRules {

    private PriorityRules() {
    }

    /** The registration priority of R7's table. */
    public static Priority initialPriority(TicketType type, Impact impact) {
        if (type == null) {
            return byImpact(impact);
        }
        return switch (type) {
            case SOFTWARE_BUG -> impact == Impact.STOPS_OPERATIONS ? Priority.HIGH : Priority.MEDIUM;
            case DATA_CORRECTION -> byImpact(impact);
            case CONSULTATION -> Priority.MEDIUM;
            case CHANGE_REQUEST -> Priority.LOW;
        };
    }

    /**
     * Whether the first line must classify the ticket: a request whose type is not stated is registered all the
     * same and flagged (R7).
     */
    public static boolean needsClassification(TicketType type) {
        return type == null;
    }

    /** §5.17 by impact alone: stops operations → Высокий, no effect → Низкий, otherwise Средний. */
    private static Priority byImpact(Impact impact) {
        if (impact == null) {
            return Priority.MEDIUM;
        }
        return switch (impact) {
            case STOPS_OPERATIONS -> Priority.HIGH;
            case HINDERS_OPERATIONS -> Priority.MEDIUM;
            case NO_EFFECT -> Priority.LOW;
        };
    }
}
