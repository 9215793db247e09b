package ru.getmark.support.ticket.rest;

import java.util.List;

/** A 409 for an action the ticket's state does not allow: the problem plus the action codes allowed now. */
public record ActionProblem(String type, String title, int status, String detail, List<String> allowedActions) {
}
