package ru.getmark.support.notifier.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FireAlarmTest {

    @Test
    @DisplayName("R18: a ticket registered as Критический raises the #Пожар post; other priorities do not")
    void registeredCritical() {
        assertThat(FireAlarm.raisedBy(event(TicketEventType.REGISTERED, Priority.CRITICAL, null))).isTrue();
        assertThat(FireAlarm.raisedBy(event(TicketEventType.REGISTERED, Priority.HIGH, null))).isFalse();
    }

    @Test
    @DisplayName("R18: a priority change to Критический raises it; a change away from it, or within it, does not")
    void priorityChangedToCritical() {
        assertThat(FireAlarm.raisedBy(event(TicketEventType.PRIORITY_CHANGED, Priority.CRITICAL, Priority.HIGH)))
                .isTrue();
        assertThat(FireAlarm.raisedBy(event(TicketEventType.PRIORITY_CHANGED, Priority.HIGH, Priority.CRITICAL)))
                .isFalse();
        assertThat(FireAlarm.raisedBy(event(TicketEventType.PRIORITY_CHANGED, Priority.CRITICAL, Priority.CRITICAL)))
                .isFalse();
    }

    @Test
    @DisplayName("R18: other events of a Критический ticket do not post again")
    void otherEventsOfACriticalTicket() {
        for (TicketEventType type : new TicketEventType[]{TicketEventType.STATUS_CHANGED,
                TicketEventType.SLA_BREACH_NEAR, TicketEventType.SOLUTION_PROVIDED, TicketEventType.UNKNOWN}) {
            assertThat(FireAlarm.raisedBy(event(type, Priority.CRITICAL, null))).as(type.name()).isFalse();
        }
    }

    private static TicketEvent event(TicketEventType type, Priority priority, Priority previous) {
        TicketSnapshot ticket = new TicketSnapshot("1042", TicketStatus.IN_PROGRESS, TicketType.SOFTWARE_BUG,
                priority, SupportLine.SECOND, "7707083893", CustomerContact.of("ООО «Ромашка»", null, null), null,
                Instant.parse("2026-12-25T14:00:00Z"), null, "Не работает ПО");
        TicketEventData data = new TicketEventData("line2", null, null, null, "Полная недоступность", null, null,
                null, null, null, null, previous, null, null, null, null, null);
        return new TicketEvent(TicketEvent.SCHEMA, "ev-1", type, Instant.parse("2026-12-25T15:00:00Z"), ticket,
                data);
    }
}
