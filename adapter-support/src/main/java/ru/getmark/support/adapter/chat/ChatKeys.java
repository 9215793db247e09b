package ru.getmark.support.adapter.chat;

import ru.getmark.support.common.event.CustomerContact;

/**
 * How a chat adapter names a customer's chat in {@code chat_ticket} and {@code chat_flood} ({@code chat_key}, text):
 * Telegram the chat id in decimal, WhatsApp the WaId's digits. The adapter looks its tickets up and counts its floods
 * with the same key it derives here from a ticket's customer, so that both agree.
 */
public interface ChatKeys {

    /** The chat key of a ticket's customer in this channel; null when the customer did not come through it. */
    String of(CustomerContact customer);
}
