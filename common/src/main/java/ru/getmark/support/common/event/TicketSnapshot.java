package ru.getmark.support.common.event;

import java.time.Instant;

/**
 * The ticket as it is right after the event, so that consumers need no call back to ticket-service.
 *
 * @param number       ticket number ("№ ххх")
 * @param status       current status
 * @param type         type, null while not classified
 * @param priority     priority
 * @param line         line of support holding it
 * @param inn          customer's ИНН
 * @param customer     customer contact
 * @param channel      channel the request came through
 * @param registeredAt registration time
 * @param deadlines    SLA deadlines
 * @param subject      short title of the request
 */
public record TicketSnapshot(
        String number,
        TicketStatus status,
        TicketType type,
        Priority priority,
        SupportLine line,
        String inn,
        CustomerContact customer,
        Channel channel,
        Instant registeredAt,
        Deadlines deadlines,
        String subject) {
}
