package ru.getmark.support.email.domain;

import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketType;

/** What becomes of one email; decided by {@link EmailTriage}, carried out by the service layer. */
public sealed interface Verdict {

    /**
     * A new request (R1–R3).
     *
     * @param inn           the valid ИНН found in the subject or text
     * @param customerName  the person's or company's name (the From display name, else the address)
     * @param type          the type when the text states it, else null
     * @param process       the process code (common's ProcessDirectory) when recognised, else null
     * @param impact        the impact when stated, else null
     * @param subject       the subject, cleaned of Re:/Fwd: prefixes
     * @param text          the text, quoted history and signature trimmed
     * @param relatedTicket a ticket the subject names but the sender is not its customer, else null
     */
    record NewRequest(String inn, String customerName, TicketType type, String process, Impact impact,
                      String subject, String text, String relatedTicket) implements Verdict {
    }

    /**
     * A follow-up of an existing ticket (R4, R11, R12): no ИНН needed.
     *
     * @param ticketNumber the ticket
     * @param byThread     true when In-Reply-To/References point at our notice; false when only the subject's № did
     *                     (and the sender is the ticket's customer)
     * @param text         the new text, quoted history and signature trimmed
     */
    record FollowUp(String ticketNumber, boolean byThread, String text) implements Verdict {
    }

    /** One of our notices bounced: recorded against its ticket, never answered. */
    record DeliveryFailure(String ticketNumber, String diagnostic) implements Verdict {
    }

    /**
     * Not a request and not answered: an auto-reply, out-of-office, an unknown bounce, our own mail, a list.
     *
     * @param cause  what kind of mail it is (the service records {@link Cause#AUTOMATIC} ones on the rejected topic
     *               as {@code loop}, so nothing is silently lost; own mail is just dropped)
     * @param reason a short English explanation for logs and ops ("Auto-Submitted: auto-replied")
     */
    record Ignore(Cause cause, String reason) implements Verdict {

        /** An automatic message ({@link Cause#AUTOMATIC}). */
        public Ignore(String reason) {
            this(Cause.AUTOMATIC, reason);
        }

        /** Why a message is ignored. */
        public enum Cause {
            /** Our own mail came back (from an own address, or with a Message-ID of our domain). */
            OWN_MAIL,
            /** An auto-reply, out-of-office, read receipt, bulk or list mail, or a bounce of something not ours. */
            AUTOMATIC
        }
    }

    /**
     * Refused: kept on getmark.intake-rejected.v1, and the sender gets {@code autoReply} (Russian) unless it is null.
     *
     * @param reason    why (missing_inn, invalid_inn, too_large, ...)
     * @param detail    the explanation for ops and the sender, Russian
     * @param autoReply the text of the auto-reply to the sender
     */
    record Reject(RejectedIntake.Reason reason, String detail, String autoReply) implements Verdict {
    }
}
