package ru.getmark.support.common.event;

import java.time.Instant;

/**
 * A mass problem (R16, regulation §5.15): more than four similar tickets within one day. Carried in the data of the
 * {@code mass_problem_declared} and {@code mass_problem_resolved} events of every ticket it affects, so that the
 * notifier can tell each customer without calling back.
 *
 * @param id          the mass problem's id, unique and stable (ticket-service's sequence)
 * @param title       short title staff and customers see ("Не печатаются этикетки после обновления 3.2")
 * @param rootTicket  the escalated ticket the similar ones were linked to (R15)
 * @param declaredAt  when it was declared
 * @param ticketCount how many tickets it has gathered so far
 * @param resolution  what was done to fix it; set once resolved
 * @param resolvedAt  when it was resolved; null while work goes on
 */
public record MassProblem(long id, String title, String rootTicket, Instant declaredAt, int ticketCount,
                          String resolution, Instant resolvedAt) {
}
