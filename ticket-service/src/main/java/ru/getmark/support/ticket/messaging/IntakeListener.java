package ru.getmark.support.ticket.messaging;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.ticket.service.ConcurrentChangeException;
import ru.getmark.support.ticket.service.InvalidIntakeException;
import ru.getmark.support.ticket.service.Registration;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.service.UnknownTicketException;

/**
 * Consumes {@code getmark.intake.v1} (key = ИНН, so one customer's messages arrive in order; {@code @Blocking} is
 * ordered, one message at a time per channel). A message is acknowledged, hence its offset committed, only after
 * {@link TicketService#register} committed; a crash in between redelivers it and R5 makes that harmless.
 * <p>
 * Anything that throws is parked on {@code getmark.intake.v1.dlq} by the channel's dead-letter-queue failure
 * strategy, with the exception message as the {@code dead-letter-reason} header, and consumption goes on. That
 * includes values that are not an {@link IntakeMessage} at all: the deserialiser's failure is not fatal
 * ({@code fail-on-deserialization-failure=false}), the payload arrives as null and is refused here, and the
 * dead-letter producer writes the original bytes. So do follow-ups, confirmations and bounces naming a ticket that
 * does not exist ({@link UnknownTicketException}): kept whole for ops, never silently dropped.
 */
@ApplicationScoped
public class IntakeListener {

    private static final int MAX_ATTEMPTS = 5;

    private final TicketService tickets;
    private final Counter registered;
    private final Counter duplicates;
    private final Counter deferred;
    private final Counter followUps;
    private final Counter deliveryFailures;

    public IntakeListener(TicketService tickets, MeterRegistry registry) {
        this.tickets = tickets;
        this.registered = Counter.builder("getmark.tickets.registered")
                .description("Tickets registered from intake messages").register(registry);
        this.duplicates = Counter.builder("getmark.intake.duplicates")
                .description("Intake messages skipped because they were processed before (R5)").register(registry);
        this.deferred = Counter.builder("getmark.intake.deferred")
                .description("Follow-ups, confirmations and bounces naming no known ticket, parked on the DLQ")
                .register(registry);
        this.followUps = Counter.builder("getmark.intake.follow-ups")
                .description("Follow-ups and confirmation replies applied to their tickets").register(registry);
        this.deliveryFailures = Counter.builder("getmark.intake.delivery-failures")
                .description("Bounces of notices to customers recorded on their tickets").register(registry);
    }

    @Incoming("intake")
    @Blocking
    public void consume(IntakeMessage message) {
        if (message == null) {
            throw new InvalidIntakeException("value is not a readable " + IntakeMessage.SCHEMA + " message");
        }
        Registration result;
        try {
            result = registerRetrying(message);
        } catch (UnknownTicketException e) {
            deferred.increment();
            throw e; // parked on the DLQ with the reason, for ops
        }
        switch (result.outcome()) {
            case REGISTERED -> registered.increment();
            case DUPLICATE -> duplicates.increment();
            case FOLLOW_UP -> followUps.increment();
            case DELIVERY_FAILURE -> deliveryFailures.increment();
        }
        Log.debugf("Intake message %s: %s %s", message.messageId(), result.outcome(),
                result.ticketNumber() == null ? "" : result.ticketNumber());
    }

    /**
     * A follow-up racing a staff action (or the auto-close job) on the same ticket loses the optimistic lock; its
     * transaction rolled back whole (the message id claim included), so it is simply applied again on fresh data.
     */
    private Registration registerRetrying(IntakeMessage message) {
        for (int attempt = 1; ; attempt++) {
            try {
                return tickets.register(message);
            } catch (ConcurrentChangeException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw e;
                }
                Log.infof("Message %s: ticket %s changed concurrently, retrying (%d)", message.messageId(),
                        message.ticketNumber(), attempt);
            }
        }
    }
}
