package ru.getmark.support.ticket.domain.lifecycle;

import ru.getmark.support.common.event.SupportLine;

import java.util.Objects;
import java.util.Set;

/**
 * Who acts on a ticket: a staff member (login and roles), the customer or the system. Staff of a line act only on
 * their line's tickets; ADMIN acts on all (R14). The customer and the system are not bound to a line.
 */
public record Actor(String login, Set<String> roles, Kind kind) {

    public enum Kind { STAFF, CUSTOMER, SYSTEM }

    public static final String ADMIN = "ADMIN";

    public static final Actor SYSTEM = new Actor("system", Set.of(), Kind.SYSTEM);
    public static final Actor CUSTOMER = new Actor("customer", Set.of(), Kind.CUSTOMER);

    public Actor {
        Objects.requireNonNull(login, "login");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        Objects.requireNonNull(kind, "kind");
    }

    public static Actor staff(String login, Set<String> roles) {
        return new Actor(login, roles, Kind.STAFF);
    }

    /** Whether this actor may change a ticket held by that line. */
    public boolean mayActOn(SupportLine line) {
        if (kind != Kind.STAFF || roles.contains(ADMIN)) {
            return true;
        }
        return roles.contains(roleOf(line));
    }

    /** The role of the staff of a line: LINE1, LINE2, LINE3. */
    public static String roleOf(SupportLine line) {
        return switch (line) {
            case FIRST -> "LINE1";
            case SECOND -> "LINE2";
            case THIRD -> "LINE3";
        };
    }
}
