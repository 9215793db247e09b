package ru.getmark.support.ticket.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.ticket.domain.sla.ProductionCalendar;
import ru.getmark.support.ticket.domain.sla.SlaPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Deadlines of a new ticket (R9) from the SLA policy, plus the operational warning the policy cannot give: a date
 * outside the production calendar's years is counted as a plain Mon–Fri week, so ops must publish the next year's
 * calendar (getmark.sla.calendar-file) before tickets reach it.
 */
@ApplicationScoped
public class SlaDeadlines {

    private final SlaPolicy policy;
    private final ProductionCalendar calendar;

    public SlaDeadlines(SlaPolicy policy, ProductionCalendar calendar) {
        this.policy = policy;
        this.calendar = calendar;
    }

    public Deadlines forNewTicket(Priority priority, Instant registeredAt, String ticketNumber) {
        Deadlines deadlines = policy.deadlines(priority, registeredAt);
        Stream.of(registeredAt, deadlines.resolution(), deadlines.firstLine(), deadlines.secondLine())
                .filter(Objects::nonNull)
                .map(instant -> LocalDate.ofInstant(instant, MoscowTime.ZONE))
                .filter(date -> !calendar.covers(date))
                .findFirst()
                .ifPresent(date -> Log.warnf("Ticket %s: %s is outside the production calendar's years, counted as "
                        + "a plain Mon–Fri week; install the calendar for that year (getmark.sla.calendar-file)",
                        ticketNumber, date));
        LocalDate registered = LocalDate.ofInstant(registeredAt, MoscowTime.ZONE);
        if (calendar.covers(registered) && calendar.isProvisional(registered)) {
            Log.infof("Ticket %s: the production calendar of %d is provisional (no decree yet)", ticketNumber,
                    registered.getYear());
        }
        return deadlines;
    }
}
