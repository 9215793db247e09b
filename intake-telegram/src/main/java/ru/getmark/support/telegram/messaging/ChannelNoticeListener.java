package ru.getmark.support.telegram.messaging;

import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.telegram.service.NoticeDelivery;

/**
 * Chat notices from the notifier (getmark.channel-outbound.v1, consumer group intake-telegram). The offset is
 * committed only after the notice is delivered (or skipped as not ours / already delivered); a notice that cannot be
 * delivered after the retries goes to getmark.channel-outbound.v1.dlq.
 */
@ApplicationScoped
public class ChannelNoticeListener {

    private final NoticeDelivery delivery;

    ChannelNoticeListener(NoticeDelivery delivery) {
        this.delivery = delivery;
    }

    @Incoming("channel-outbound")
    @Blocking(ordered = true)
    public void onNotice(ChannelNotice notice) throws Exception {
        if (notice == null) {
            throw new IllegalArgumentException("unreadable chat notice");
        }
        delivery.deliver(notice);
    }
}
