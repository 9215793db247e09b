package ru.getmark.support.adapter.chat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static ru.getmark.support.adapter.chat.ChatTicketRepository.Confirmation.AWAITING;
import static ru.getmark.support.adapter.chat.ChatTicketRepository.Confirmation.NOT_AWAITING;
import static ru.getmark.support.adapter.chat.ChatTicketRepository.Confirmation.UNCHANGED;

/** R12: what each ticket event says about the solution's confirmation window (ticket-service's Lifecycle). */
class ChatTicketProjectionTest {

    @Test
    @DisplayName("R12: solution_provided (ticket-service moves the ticket to Закрытое) opens the window")
    void solutionOpensTheWindow() {
        assertThat(ChatTicketProjection.confirmation(TicketEventType.SOLUTION_PROVIDED, TicketStatus.CLOSED))
                .isEqualTo(AWAITING);
    }

    @ParameterizedTest
    @EnumSource(value = TicketEventType.class, names = {"CLOSED", "REFUSED", "REOPENED", "SOLUTION_REJECTED"})
    @DisplayName("R12: a final close, a refusal or a reopening ends the window")
    void finalEventsEndTheWindow(TicketEventType type) {
        assertThat(ChatTicketProjection.confirmation(type, TicketStatus.CLOSED)).isEqualTo(NOT_AWAITING);
    }

    @ParameterizedTest
    @EnumSource(value = TicketEventType.class, names = {"RATED", "DEADLINE_CHANGED", "PRIORITY_CHANGED", "ASSIGNED",
            "SLA_BREACH_NEAR", "SLA_BREACHED", "FOLLOW_UP_RECEIVED", "LINE_CHANGED", "UNKNOWN", "STATUS_CHANGED"})
    @DisplayName("R12: any other event of a ticket in Закрытое keeps what is known (never clears the window)")
    void otherEventsKeepTheWindow(TicketEventType type) {
        assertThat(ChatTicketProjection.confirmation(type, TicketStatus.CLOSED)).isEqualTo(UNCHANGED);
    }

    @ParameterizedTest
    @EnumSource(value = TicketStatus.class, names = "CLOSED", mode = EnumSource.Mode.EXCLUDE)
    @DisplayName("R12: a ticket out of Закрытое (reopened, in progress) awaits no confirmation")
    void openStatusesAwaitNothing(TicketStatus status) {
        assertThat(ChatTicketProjection.confirmation(TicketEventType.STATUS_CHANGED, status)).isEqualTo(NOT_AWAITING);
    }
}
