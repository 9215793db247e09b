package ru.getmark.support.notifier.domain;

import ru.getmark.support.common.event.Channel;

import java.util.Locale;

/**
 * Where a notice goes. Stored in {@code notice_delivery.medium} and used as the {@code channel} label of the notice
 * metrics, so never rename one. A ticket's notices keep their order per medium: its email may wait for the mail
 * server while its Telegram notices go on.
 */
public enum Medium {

    /** The customer's email, over SMTP. */
    EMAIL(null),

    /** The customer's Telegram chat, through {@code getmark.channel-outbound.v1} and intake-telegram. */
    TELEGRAM(Channel.TELEGRAM),

    /** The customer's WhatsApp, through {@code getmark.channel-outbound.v1} and intake-whatsapp. */
    WHATSAPP(Channel.WHATSAPP),

    /** Support's duty chat in Telegram (the #Пожар posts of Appendix 2). */
    DUTY_CHAT(Channel.TELEGRAM);

    private final Channel channel;

    Medium(Channel channel) {
        this.channel = channel;
    }

    /** The chat channel of a chat medium; null for {@link #EMAIL}. */
    public Channel channel() {
        return channel;
    }

    /** Whether it goes out as a ChannelNotice on the outbound topic. */
    public boolean isChat() {
        return channel != null;
    }

    /** Metric label: {@code email}, {@code telegram}, {@code whatsapp}, {@code duty_chat}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
