package ru.getmark.support.email.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import ru.getmark.support.adapter.staff.Roles;
import ru.getmark.support.email.config.EmailIntakeConfig;
import ru.getmark.support.email.config.MailConfig;
import ru.getmark.support.email.imap.ImapState;
import ru.getmark.support.email.imap.MailboxReader;

import java.time.Instant;

/** What the email adapter is doing: for staff and ops who wonder why mail is not arriving. */
@Path("/api/mailbox")
public class MailboxResource {

    /**
     * The adapter's state.
     *
     * @param channel          always "email"
     * @param mailbox          the support address
     * @param connected        whether the IMAP connection is up
     * @param mode             "idle" (IMAP IDLE) or "polling"; null while not connected
     * @param since            since when it is in this state
     * @param problem          what broke the last connection, or null
     * @param maxAttachmentBytes the largest file accepted
     * @param maxMessageBytes  the most all files of one message may weigh
     * @param maxAttachments   the most files in one message
     * @param floodMaxMessages messages one sender may send within the flood window
     * @param floodWindow      the flood window (ISO-8601 duration)
     */
    public record MailboxStatus(String channel, String mailbox, boolean connected, String mode, Instant since,
                                String problem, long maxAttachmentBytes, long maxMessageBytes, int maxAttachments,
                                int floodMaxMessages, String floodWindow) {
    }

    private final MailboxReader reader;
    private final MailConfig mail;
    private final EmailIntakeConfig config;

    MailboxResource(MailboxReader reader, MailConfig mail, EmailIntakeConfig config) {
        this.reader = reader;
        this.mail = mail;
        this.config = config;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.LINE1, Roles.LINE2, Roles.LINE3, Roles.ADMIN})
    @Operation(summary = "The support mailbox connection and the intake limits")
    public MailboxStatus status() {
        ImapState state = reader.state();
        return new MailboxStatus("email", mail.from(), state.connected(),
                state.connected() ? (state.idle() ? "idle" : "polling") : null, state.since(), state.problem(),
                config.maxAttachmentSize().asLongValue(), config.maxMessageSize().asLongValue(),
                config.maxAttachments(), config.flood().maxMessages(), config.flood().window().toString());
    }
}
