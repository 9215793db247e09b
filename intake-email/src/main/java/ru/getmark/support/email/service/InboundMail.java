package ru.getmark.support.email.service;

import java.time.Instant;

/**
 * One message as the mailbox holds it.
 *
 * @param raw        the whole message, headers and body, as stored on the server
 * @param receivedAt when the mail server received it (IMAP INTERNALDATE), or null when unknown
 */
public record InboundMail(byte[] raw, Instant receivedAt) {
}
