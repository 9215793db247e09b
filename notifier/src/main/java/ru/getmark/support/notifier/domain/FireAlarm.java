package ru.getmark.support.notifier.domain;

import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketEvent;

/**
 * When a ticket posts the Appendix 2 "#Пожар" message to the duty chat (R18): when it becomes Критический, that is
 * registered as Критический, or a {@code priority_changed} event whose ticket is now Критический and was not
 * before. Once per such event: a ticket that drops to Высокий and becomes Критический again posts again, which is
 * what the duty officer needs to know.
 */
public final class FireAlarm {

    private FireAlarm() {
    }

    public static boolean raisedBy(TicketEvent event) {
        if (event.ticket().priority() != Priority.CRITICAL) {
            return false;
        }
        return switch (event.type()) {
            case REGISTERED -> true;
            case PRIORITY_CHANGED -> event.data() == null || event.data().previousPriority() != Priority.CRITICAL;
            default -> false;
        };
    }
}
