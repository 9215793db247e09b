package ru.getmark.support.ticket.service;

/**
 * Fired (CDI event) inside a transaction that wrote to the outbox; the relay observes it after a successful commit
 * and publishes at once instead of waiting for its next sweep (R2: the customer's email within seconds).
 */
public record OutboxWritten(String ticketNumber) {
}
