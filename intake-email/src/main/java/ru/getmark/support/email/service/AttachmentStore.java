package ru.getmark.support.email.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.adapter.attachment.ClaimCheck;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.email.domain.ParsedAttachment;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The email side of the claim check: the files (MIME parts) of one message go to adapter-support's {@link ClaimCheck}
 * in one transaction before the message is published. The ids are derived from the message id, the file's position
 * and its hash, so a message read twice yields the same references.
 */
@ApplicationScoped
public class AttachmentStore {

    private final ClaimCheck claimCheck;

    AttachmentStore(ClaimCheck claimCheck) {
        this.claimCheck = claimCheck;
    }

    /** Stores the files of one message and returns their references, in the same order. */
    @Transactional
    public List<AttachmentRef> store(String messageId, List<ParsedAttachment> files) {
        List<AttachmentRef> refs = new ArrayList<>(files.size());
        for (int position = 0; position < files.size(); position++) {
            ParsedAttachment file = files.get(position);
            byte[] content = file.content() == null ? new byte[0] : file.content();
            String name = file.fileName() == null || file.fileName().isBlank() ? "file" + (position + 1)
                    : file.fileName();
            refs.add(claimCheck.store(idOf(messageId, position, ClaimCheck.sha256(content)), messageId, name,
                    file.contentType(), content));
        }
        return refs;
    }

    static UUID idOf(String messageId, int position, String sha256) {
        return UUID.nameUUIDFromBytes(("getmark.intake-email\n" + messageId + "\n" + position + "\n" + sha256)
                .getBytes(StandardCharsets.UTF_8));
    }
}
