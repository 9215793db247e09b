package ru.getmark.support.whatsapp.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.whatsapp.service.NoticeDelivery;

/**
 * Chat notices from the notifier (getmark.channel-outbound.v1, consumer group intake-whatsapp). The offset is committed
 * once the notice is in the outbox (or recorded as left to email, or skipped as not ours / already received); the
 * outbox then sends it whatever happens to Twilio meanwhile. An unreadable notice goes to
 * getmark.channel-outbound.v1.dlq.
 */
@ApplicationScoped
public class ChannelNoticeListener {

    private final NoticeDelivery delivery;

    ChannelNoticeListener(NoticeDelivery delivery) {
        this.delivery = delivery;
    }

    @Incoming("channel-outbound")
    @Blocking(ordered = true)
    public void onNotice(ChannelNotice notice) {
        if (notice == null) {
            throw new IllegalArgumentException("unreadable chat notice");
        }
        delivery.deliver(notice);
    }
}
