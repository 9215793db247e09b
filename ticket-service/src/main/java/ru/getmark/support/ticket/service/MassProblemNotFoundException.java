package ru.getmark.support.ticket.service;

/** No mass problem has the id asked for; the REST layer answers 404. */
public class MassProblemNotFoundException extends RuntimeException {
    public MassProblemNotFoundException(String message) {
        super(message);
    }
}
