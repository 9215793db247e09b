package ru.getmark.support.email.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * What intake-email knows about existing tickets, to decide whether a message that names a ticket is that ticket's
 * customer writing (R4) or a stranger (whose mail never attaches to someone else's ticket). Implemented from the
 * tickets' events on getmark.ticket-events.v1 (a local projection; Kafka is the only link between services).
 */
public interface TicketDirectory {

    /** The ticket, when known. */
    Optional<KnownTicket> find(String ticketNumber);

    /**
     * The hash {@link KnownTicket#customerEmailSha256()} holds: hex SHA-256 of the address trimmed and lower-cased
     * (the projection stores this, never the address; triage compares the sender's with it). Null for null/blank.
     */
    static String emailSha256(String address) {
        if (address == null || address.isBlank()) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(address.strip().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    /** A directory that knows no ticket (tests, or before the projection has caught up). */
    static TicketDirectory empty() {
        return number -> Optional.empty();
    }

    /**
     * A ticket as far as email cares.
     *
     * @param number      ticket number
     * @param customerEmailSha256 hex SHA-256 of the customer's email address, lower case and trimmed; null when the
     *                    customer gave no email (then only a reply through our notice's thread attaches to it)
     * @param inn         the customer's ИНН
     * @param closed      whether it is closed for good (a follow-up then opens a linked ticket, ticket-service decides)
     */
    record KnownTicket(String number, String customerEmailSha256, String inn, boolean closed) {
    }
}
