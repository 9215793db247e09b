/**
 * The SLA domain of ticket-service (R9, §5.9, §5.17, §5.19), plain Java with no framework in it.
 *
 * <ul>
 *   <li>{@link ru.getmark.support.ticket.domain.sla.ProductionCalendar}: which dates are working days — data,
 *       shipped as {@code calendar/production-calendar-ru.txt} and replaceable by a file chosen by ops.</li>
 *   <li>{@link ru.getmark.support.ticket.domain.sla.WorkingHours}: a line's daily schedule in Moscow time.</li>
 *   <li>{@link ru.getmark.support.ticket.domain.sla.SlaClock}: working-time arithmetic over both.</li>
 *   <li>{@link ru.getmark.support.ticket.domain.sla.SlaPolicy} with
 *       {@link ru.getmark.support.ticket.domain.sla.SlaTargets}: a ticket's deadlines from its priority and
 *       registration instant, and their shift after a pause.</li>
 * </ul>
 *
 * <p>Wiring (done by the service layer): build one {@code ProductionCalendar} at start-up (the default, or
 * {@code load(path)} when ops configured a file), log {@code coveredYears()}, and warn whenever a deadline falls
 * on a date the calendar does not {@code covers()} or {@code isProvisional()}; then one {@code SlaClock} and one
 * {@code SlaPolicy}, all immutable and shareable.
 */
package ru.getmark.support.ticket.domain.sla;
