package ru.getmark.support.email.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.email.domain.ParsedAttachment;
import ru.getmark.support.email.repository.AttachmentRepository;
import ru.getmark.support.email.repository.StoredAttachment;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The claim check (ARCHITECTURE.md): a message's files are stored in this service's PostgreSQL (bytes once per
 * SHA-256, shared by every replica) before the message is published, and the intake message carries only references
 * with name, type, size, sha256 and the URL staff download them from. The ids are derived from the message id, the
 * file's position and its hash, so a message read twice yields the same references.
 */
@ApplicationScoped
public class AttachmentStore {

    static final int MAX_NAME = 255;
    static final int MAX_TYPE = 200;

    private final AttachmentRepository attachments;
    private final String publicUrl;

    AttachmentStore(AttachmentRepository attachments,
                    @ConfigProperty(name = "getmark.public-url", defaultValue = "http://localhost:8081") String publicUrl) {
        this.attachments = attachments;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** Stores the files of one message and returns their references, in the same order. */
    @Transactional
    public List<AttachmentRef> store(String messageId, List<ParsedAttachment> files, Instant now) {
        List<AttachmentRef> refs = new ArrayList<>(files.size());
        for (int position = 0; position < files.size(); position++) {
            ParsedAttachment file = files.get(position);
            byte[] content = file.content() == null ? new byte[0] : file.content();
            String sha256 = sha256(content);
            attachments.storeContent(sha256, content, now);

            StoredAttachment row = new StoredAttachment();
            row.id = idOf(messageId, position, sha256);
            row.messageId = messageId;
            row.position = position;
            row.fileName = cut(file.fileName() == null || file.fileName().isBlank() ? "file" + (position + 1)
                    : file.fileName().strip(), MAX_NAME);
            row.contentType = cut(file.contentType() == null || file.contentType().isBlank()
                    ? "application/octet-stream" : file.contentType().strip(), MAX_TYPE);
            row.size = content.length;
            row.sha256 = sha256;
            row.inline = file.inline();
            row.createdAt = now;
            attachments.storeReference(row);
            refs.add(new AttachmentRef(row.fileName, row.contentType, row.size, sha256, urlOf(row.id)));
        }
        return refs;
    }

    /** A stored file, ready to be served. */
    public record Download(String fileName, String contentType, String sha256, byte[] content) {
    }

    /** The file behind an attachment id, when there is one. */
    @Transactional
    public Optional<Download> download(UUID id) {
        return attachments.findByIdOptional(id).flatMap(row -> attachments.content(row.sha256)
                .map(content -> new Download(row.fileName, row.contentType, row.sha256, content.content)));
    }

    /** Where staff download an attachment. */
    public String urlOf(UUID id) {
        return publicUrl + "/api/attachments/" + id;
    }

    static UUID idOf(String messageId, int position, String sha256) {
        return UUID.nameUUIDFromBytes(("getmark.intake-email\n" + messageId + "\n" + position + "\n" + sha256)
                .getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
