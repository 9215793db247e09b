package ru.getmark.support.notifier.messaging;

import ru.getmark.support.common.event.TicketEvent;

/**
 * A ticket event as read from Kafka, together with its JSON exactly as it came: the notifier stores that text with
 * the deliveries it records, so that a parked notice puts the original record on the DLQ, fields of a newer
 * producer included.
 *
 * @param event the event
 * @param json  its JSON as received
 */
public record ReceivedTicketEvent(TicketEvent event, String json) {
}
