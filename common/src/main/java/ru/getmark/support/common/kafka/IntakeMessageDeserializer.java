package ru.getmark.support.common.kafka;

import ru.getmark.support.common.event.IntakeMessage;

public class IntakeMessageDeserializer extends JsonDeserializer<IntakeMessage> {
    public IntakeMessageDeserializer() {
        super(IntakeMessage.class);
    }
}
