package ru.getmark.support.phone.service;

/** The same Idempotency-Key was used for a different call: the second call would be lost downstream, so it is refused. */
public class IdempotencyConflictException extends Exception {

    public IdempotencyConflictException() {
        super("Idempotency-Key reused for a different call");
    }
}
