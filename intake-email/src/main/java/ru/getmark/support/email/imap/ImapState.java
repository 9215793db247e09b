package ru.getmark.support.email.imap;

import java.time.Instant;

/**
 * The reader's connection to the mailbox.
 *
 * @param connected logged in with the folder open
 * @param idle      waiting with IMAP IDLE (else polling)
 * @param since     when this state began (null before the first attempt)
 * @param problem   what broke the last connection, masked, or null
 */
public record ImapState(boolean connected, boolean idle, Instant since, String problem) {

    static ImapState connected(boolean idle, Instant since) {
        return new ImapState(true, idle, since, null);
    }

    static ImapState notConnected(String problem, Instant since) {
        return new ImapState(false, false, since, problem);
    }
}
