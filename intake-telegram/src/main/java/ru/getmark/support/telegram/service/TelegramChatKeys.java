package ru.getmark.support.telegram.service;

import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.adapter.chat.ChatKeys;
import ru.getmark.support.common.event.CustomerContact;

/**
 * A Telegram chat in adapter-support's chat tables (open tickets, flood counts): its chat id in decimal. The ticket
 * projection derives it from the customer's {@code telegramChatId}, the update handler from the update's chat.
 */
@ApplicationScoped
public class TelegramChatKeys implements ChatKeys {

    /** The chat key of a chat id. */
    public static String of(long chatId) {
        return Long.toString(chatId);
    }

    @Override
    public String of(CustomerContact customer) {
        return customer.telegramChatId() == null ? null : of(customer.telegramChatId().longValue());
    }
}
