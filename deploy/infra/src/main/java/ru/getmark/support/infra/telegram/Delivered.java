package ru.getmark.support.infra.telegram;

/**
 * What a simulated user action produced: the update id, the message id in the chat (the pressed message for a
 * callback), the callback query id (callbacks only) and the file id (uploads only).
 */
public record Delivered(long updateId, long messageId, String callbackQueryId, String fileId) {
}
