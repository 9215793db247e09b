package ru.getmark.support.ticket.domain.lifecycle;

/** A staff member acting on another line's ticket (R14): 403. */
public class LineForbiddenException extends RuntimeException {
    public LineForbiddenException(String message) {
        super(message);
    }
}
