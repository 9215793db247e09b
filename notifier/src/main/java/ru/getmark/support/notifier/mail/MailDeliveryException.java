package ru.getmark.support.notifier.mail;

import jakarta.mail.internet.AddressException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import ru.getmark.support.notifier.domain.DeliveryFailure;

/**
 * The mail server did not take a notice. It carries the failure chain as text with every address masked instead of
 * the original exception: SMTP replies quote the recipient's address, and this ends up in logs, in
 * {@code notice_delivery.last_error} and in the dead-letter record's headers.
 */
public class MailDeliveryException extends DeliveryFailure {

    /**
     * @param message what failed, in words of our own; must not contain an email address
     * @param failure the mail library's exception
     */
    public MailDeliveryException(String message, Throwable failure) {
        super(message, failure, isPermanent(failure));
    }

    /**
     * Permanent: the recipient address is invalid (ours refuses to build it, or the server answers 5xx to RCPT TO),
     * or the server rejected the message itself with 5xx after DATA. Everything else is worth a retry: the server
     * is unreachable, times out, answers 4xx, or refuses our sender or login — a configuration problem that
     * operations fix, which must not park every notice at once.
     */
    static boolean isPermanent(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AddressException) {
                return true;
            }
            if (t instanceof SMTPSenderFailedException) {
                return false;
            }
            if (t instanceof SMTPAddressFailedException refused && refused.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SMTPSendFailedException rejected && rejected.getReturnCode() >= 500) {
                return true;
            }
        }
        return false;
    }
}
