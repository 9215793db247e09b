package ru.getmark.support.notifier.domain;

/** Where a notice delivery stands. Stored in {@code notice_delivery.status}. */
public enum DeliveryStatus {

    /** Not yet handed over; due at {@code next_attempt_at}. Blocks the later notices of its ticket and medium. */
    PENDING,

    /** The mail server accepted it, or Kafka acknowledged the chat notice. */
    SENT,

    /** Given up (permanent failure, or the attempt limit): the event is on the DLQ. Blocks nothing. */
    PARKED
}
