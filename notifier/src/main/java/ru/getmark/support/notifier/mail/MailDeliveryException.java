package ru.getmark.support.notifier.mail;

import ru.getmark.support.notifier.domain.EmailAddresses;

/**
 * The mail server did not take a notice. Unchecked so that the surrounding transaction rolls back (the claim of the
 * notice disappears) and the Kafka message is nacked rather than acknowledged as done.
 * <p>
 * It carries the failure chain as text with every address masked instead of the original exception: SMTP replies quote the recipient's
 * address, and this exception ends up in logs and in the dead-letter record's headers.
 */
public class MailDeliveryException extends RuntimeException {

    /**
     * @param message what failed, in words of our own; must not contain an email address
     * @param failure the mail library's exception; its chain is kept as text, addresses masked
     */
    public MailDeliveryException(String message, Throwable failure) {
        super(message + ": " + EmailAddresses.maskAll(describe(failure)));
    }

    private static String describe(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null && out.length() < 2000; t = t.getCause()) {
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
