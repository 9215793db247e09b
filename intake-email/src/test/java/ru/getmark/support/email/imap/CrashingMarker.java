package ru.getmark.support.email.imap;

import jakarta.inject.Singleton;
import jakarta.enterprise.inject.Alternative;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import ru.getmark.support.email.config.MailConfig;

/**
 * The instance that dies between Kafka's acknowledgement and the IMAP flag: no flag ever reaches the server, as when
 * the process is killed right after each publish (and, being restarted, reads everything again). Enabled only by
 * {@link CrashBeforeFlagTest}'s profile.
 */
@Alternative
@Singleton
public class CrashingMarker extends ProcessedMarker {

    public CrashingMarker(MailConfig config) {
        super(config);
    }

    @Override
    public void mark(IMAPFolder folder, Message[] messages) throws MessagingException {
        // the process is gone before the STORE command
    }
}
