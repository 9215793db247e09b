package ru.getmark.support.notifier.domain;

/**
 * A notice could not be handed over. Its message is safe for logs, the database and dead-letter headers: every
 * email address in it is masked.
 * <p>
 * {@link #permanent()} says whether trying again can help: a mail server that is down or busy (connection refused,
 * timeout, 4xx) is worth retrying with backoff; a recipient the server refuses for good (5xx on RCPT, an invalid
 * address) or a message it rejects (5xx after DATA) is parked at once.
 */
public class DeliveryFailure extends RuntimeException {

    private final boolean permanent;

    public DeliveryFailure(String message, boolean permanent) {
        super(EmailAddresses.maskAll(message));
        this.permanent = permanent;
    }

    /**
     * @param message   what failed, in words of our own
     * @param failure   the library's exception; its chain is kept as text, addresses masked, not as the cause
     * @param permanent whether retrying cannot help
     */
    public DeliveryFailure(String message, Throwable failure, boolean permanent) {
        this(message + ": " + describe(failure), permanent);
    }

    public boolean permanent() {
        return permanent;
    }

    static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null && out.length() < 1500; t = t.getCause()) {
            if (t != failure) {
                out.append("; caused by ");
            }
            out.append(t.getClass().getName());
            if (t.getMessage() != null) {
                out.append(": ").append(t.getMessage().strip());
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return out.toString();
    }
}
