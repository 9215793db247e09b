package ru.getmark.support.common.dialog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the adapter knows beyond the dialogue state: the time, and the customer's open tickets (from the ticket events
 * it consumes), newest first. A solved ticket awaiting confirmation counts as open (with
 * {@code awaitingConfirmation}); a ticket closed for good is not listed.
 *
 * @param now         the time of the input
 * @param openTickets the chat's open tickets, newest first
 */
public record DialogueContext(Instant now, List<OpenTicket> openTickets) {

    public DialogueContext {
        Objects.requireNonNull(now, "now");
        openTickets = openTickets == null ? List.of() : List.copyOf(openTickets);
    }

    public static DialogueContext of(Instant now, OpenTicket... tickets) {
        return new DialogueContext(now, List.of(tickets));
    }

    public Optional<OpenTicket> ticket(String number) {
        return openTickets.stream().filter(t -> t.number().equals(number)).findFirst();
    }

    /**
     * One open ticket of the customer.
     *
     * @param number               the ticket number
     * @param statusLabel          the Russian status label ("В работе", "Ожидает ответа пользователя" ...)
     * @param deadline             the resolution deadline, may be null
     * @param awaitingAnswer       an information request waits for the customer's answer (R11)
     * @param awaitingConfirmation a solution waits for the customer's confirmation (R12)
     */
    public record OpenTicket(String number, String statusLabel, Instant deadline, boolean awaitingAnswer,
                             boolean awaitingConfirmation) {
        public OpenTicket {
            Objects.requireNonNull(number, "number");
        }
    }
}
