package ru.getmark.support.ticket.service;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.ticket.domain.Ticket;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code registered} event carries the customer's text only for a Критический ticket, whose #Пожар post
 * (Appendix 2) describes the problem with it; for every other priority it would be bytes nobody reads.
 */
class RegisteredEventTest {

    private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");

    @ParameterizedTest
    @EnumSource(Priority.class)
    @DisplayName("R18: the text travels with a Критический registration, for the #Пожар post, and only then")
    void theTextTravelsOnlyWithACriticalRegistration(Priority priority) {
        Ticket ticket = ticket(priority);

        TicketEvent event = TicketService.registeredEvent(ticket, NOW);

        assertThat(event.type()).isEqualTo(TicketEventType.REGISTERED);
        assertThat(event.ticket().priority()).isEqualTo(priority);
        assertThat(event.data().actor()).isEqualTo("system");
        assertThat(event.data().relatedTicket()).isEqualTo("260001");
        if (priority == Priority.CRITICAL) {
            assertThat(event.data().text()).isEqualTo("Не работает маркировка на всех кассах");
        } else {
            assertThat(event.data().text()).isNull();
        }
    }

    private static Ticket ticket(Priority priority) {
        Ticket ticket = new Ticket();
        ticket.number = "260002";
        ticket.status = TicketStatus.NEW;
        ticket.type = TicketType.SOFTWARE_BUG;
        ticket.priority = priority;
        ticket.line = SupportLine.FIRST;
        ticket.channel = Channel.EMAIL;
        ticket.inn = "7707083893";
        ticket.subject = "Касса";
        ticket.text = "  Не работает маркировка на всех кассах\n";
        ticket.registeredAt = NOW;
        ticket.relatedTicket = "260001";
        return ticket;
    }
}
