package ru.getmark.support.notifier.messaging;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.annotation.JsonValue;
import ru.getmark.support.common.event.TicketEvent;

/**
 * A ticket event as read from Kafka, together with its JSON exactly as it came: the notifier stores that text with
 * the deliveries it records, so that a parked notice puts the original record on the DLQ, fields of a newer
 * producer included. Written as JSON (the channel's dead-letter serializer does, when an event could not be
 * recorded), it is that original JSON, so that the dead letter can be replayed onto the main topic as it is.
 *
 * @param event the event
 * @param json  its JSON as received
 */
public record ReceivedTicketEvent(TicketEvent event, @JsonValue @JsonRawValue String json) {
}
