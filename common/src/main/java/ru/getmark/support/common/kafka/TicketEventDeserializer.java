package ru.getmark.support.common.kafka;

import ru.getmark.support.common.event.TicketEvent;

public class TicketEventDeserializer extends JsonDeserializer<TicketEvent> {
    public TicketEventDeserializer() {
        super(TicketEvent.class);
    }
}
