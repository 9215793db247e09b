package ru.getmark.support.infra.telegram;

import java.time.Instant;

/** One attempt to POST an update to the bot's webhook: the HTTP status (-1 when the connection failed). */
public record WebhookDelivery(long updateId, String url, boolean secretSent, int status, Instant at) {
}
