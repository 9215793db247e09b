package ru.getmark.support.whatsapp.messaging;

import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.kafka.JsonDeserializer;

/** Kafka value deserializer of getmark.channel-outbound.v1 (common's one JSON dialect). */
public class ChannelNoticeDeserializer extends JsonDeserializer<ChannelNotice> {

    public ChannelNoticeDeserializer() {
        super(ChannelNotice.class);
    }
}
