package ru.getmark.support.common.event;

/**
 * Where answers to a message go, in its own channel.
 *
 * @param channel the channel to answer in
 * @param address the channel address: an email address, a Telegram chat id, a WhatsApp number
 */
public record ReplyAddress(Channel channel, String address) {
}
