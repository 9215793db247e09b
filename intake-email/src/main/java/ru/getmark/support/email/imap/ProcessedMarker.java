package ru.getmark.support.email.imap;

import io.quarkus.logging.Log;
import jakarta.inject.Singleton;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import ru.getmark.support.email.config.MailConfig;

import java.util.Optional;

/**
 * Acknowledges a message to the mailbox, the last step after Kafka acknowledged what became of it: sets the processed
 * flag (a keyword, {@code $GetMarkProcessed} by default) and, when {@code getmark.mail.imap.processed-folder} is set,
 * moves it there. The flag comes first, so a failed move never makes the message new again.
 */
@Singleton
public class ProcessedMarker {

    private final Flags flags;
    private final Optional<String> processedFolder;

    public ProcessedMarker(MailConfig config) {
        this.flags = ImapSessions.processedFlags(config.imap().processedFlag());
        this.processedFolder = config.imap().processedFolder().map(String::strip).filter(f -> !f.isEmpty());
    }

    /** The flag of processed messages. */
    public Flags flags() {
        return flags;
    }

    /** Creates the processed folder when it is configured and missing (called once per connection). */
    public void prepare(IMAPStore store) throws MessagingException {
        if (processedFolder.isPresent()) {
            Folder target = store.getFolder(processedFolder.get());
            if (!target.exists() && !target.create(Folder.HOLDS_MESSAGES)) {
                throw new MessagingException("cannot create the processed folder " + processedFolder.get());
            }
        }
    }

    /**
     * Marks messages processed: one STORE for all of them (and one MOVE when a processed folder is set).
     *
     * @throws MessagingException when the server did not take it (the connection is then treated as broken and the
     *                            messages read again: their messageIds keep them one ticket each)
     */
    public void mark(IMAPFolder folder, Message[] messages) throws MessagingException {
        if (messages.length == 0) {
            return;
        }
        folder.setFlags(messages, flags, true);
        if (processedFolder.isPresent()) {
            Folder target = folder.getStore().getFolder(processedFolder.get());
            IMAPStore store = (IMAPStore) folder.getStore();
            if (store.hasCapability("MOVE")) {
                folder.moveMessages(messages, target);
            } else if (store.hasCapability("UIDPLUS")) {
                folder.copyMessages(messages, target);
                folder.setFlags(messages, new Flags(Flags.Flag.DELETED), true);
                folder.expunge(messages);
            } else {
                Log.debugf("The server has neither MOVE nor UIDPLUS: messages left flagged in %s",
                        folder.getFullName());
            }
        }
    }
}
