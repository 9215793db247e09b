package ru.getmark.support.common.event;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A notice for a chat channel, published by the notifier to {@link Topics#CHANNEL_OUTBOUND} for intake-telegram or
 * intake-whatsapp to deliver (R20 in the customer's own channel, and the #Пожар post of Appendix 2 to the duty
 * chat). The text is final: the adapter sends it as it is (splitting it when longer than the channel allows) and
 * renders {@code actions} as buttons.
 * <p>
 * {@code noticeId} is stable per (event, notice, recipient): adapters deliver each id once, so a notice the notifier
 * publishes again after a crash is not shown twice.
 *
 * @param schema       always {@link #SCHEMA}
 * @param noticeId     stable id of this notice to this recipient
 * @param eventId      the ticket event it was made for
 * @param ticketNumber the ticket it is about
 * @param notice       which notice it is (the notifier's code: "registration", "solution", "fire_alarm", ...)
 * @param audience     {@link Audience#CUSTOMER} or {@link Audience#DUTY_CHAT}
 * @param channel      {@link Channel#TELEGRAM} or {@link Channel#WHATSAPP}
 * @param address      Telegram chat id, or WhatsApp number (WaId, digits)
 * @param text         the plain text to send
 * @param actions      buttons under the text; may be empty
 * @param createdAt    when the notifier made it
 */
public record ChannelNotice(
        String schema,
        String noticeId,
        String eventId,
        String ticketNumber,
        String notice,
        Audience audience,
        Channel channel,
        String address,
        String text,
        List<ChannelAction> actions,
        Instant createdAt) {

    public static final String SCHEMA = "getmark.channel-outbound.v1";

    /** Who reads the notice. */
    public enum Audience {
        /** The customer of the ticket, in the chat they wrote from. */
        @JsonProperty("customer") CUSTOMER,
        /** Support's duty chat (the #Пожар posts of Appendix 2). */
        @JsonProperty("duty_chat") DUTY_CHAT
    }

    public ChannelNotice {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(text, "text");
        schema = schema == null ? SCHEMA : schema;
        audience = audience == null ? Audience.CUSTOMER : audience;
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** The Kafka key: the channel address ("telegram:123456", "whatsapp:79259509118"), one chat's notices in order. */
    public String key() {
        return channel.name().toLowerCase(java.util.Locale.ROOT) + ":" + address;
    }
}
