package ru.getmark.support.phone.domain;

import java.util.Objects;

/**
 * One problem with a logged call, named by the field it concerns so that the operator's form can point at it.
 *
 * @param field   the JSON field ("inn", "email", ...), "body" for the request as a whole, or "Idempotency-Key"
 * @param message what is wrong and how to fix it, in Russian: operators read it
 */
public record Violation(String field, String message) {

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
