package ru.getmark.support.adapter.attachment;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import ru.getmark.support.common.event.AttachmentRef;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * The claim check (ARCHITECTURE.md): a file a customer sent is stored in the adapter's PostgreSQL (bytes once per
 * SHA-256, shared by every replica) before the message is published, and the intake message carries only a reference
 * with name, type, size, sha256 and the URL staff download it from ({@code <getmark.public-url>/api/attachments/<id>},
 * served by the adapter's subclass of {@link AttachmentDownloads}). The adapter fetches the file its channel's way
 * (MIME part, Telegram getFile, Twilio media URL) and derives the id from what identifies it in the channel, so that
 * a message handled twice yields the same reference.
 * <p>
 * On in every adapter unless the build property {@value #ENABLED} is {@code false} (intake-phone: no files, no
 * database). Needs the default datasource, JTA, a {@link Clock} bean and {@code getmark.public-url}.
 */
@ApplicationScoped
@IfBuildProperty(name = ClaimCheck.ENABLED, stringValue = "true", enableIfMissing = true)
public class ClaimCheck {

    /** Build property: false leaves the claim-check beans out (an adapter without a datasource). */
    public static final String ENABLED = "getmark.claim-check.enabled";

    static final int MAX_NAME = 255;
    static final int MAX_TYPE = 200;
    static final String DEFAULT_NAME = "file";
    static final String DEFAULT_TYPE = "application/octet-stream";

    private final AttachmentRepository files;
    private final String publicUrl;
    private final Clock clock;

    ClaimCheck(AttachmentRepository files, @ConfigProperty(name = "getmark.public-url") String publicUrl, Clock clock) {
        this.files = files;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    /**
     * Stores one file and returns its reference. Idempotent for the same id: the file row is written once, the bytes
     * once per SHA-256. Joins the caller's transaction when there is one (the files of one message together).
     *
     * @param id          the reference id, derived by the adapter from the file's identity in its channel
     * @param sourceId    what the file came with (message id, update id, MessageSid), see {@link StoredFile}
     * @param fileName    the customer's name for it; blank → {@value #DEFAULT_NAME}, cut to {@value #MAX_NAME} chars
     * @param contentType its MIME type; blank → {@value #DEFAULT_TYPE}
     * @param content     the bytes (null = empty)
     */
    @Transactional
    public AttachmentRef store(UUID id, String sourceId, String fileName, String contentType, byte[] content) {
        byte[] bytes = content == null ? new byte[0] : content;
        String sha256 = sha256(bytes);
        StoredFile file = new StoredFile(id, sourceId, fileName(fileName), contentType(contentType), bytes.length,
                sha256, clock.instant());
        files.saveContent(sha256, bytes, file.storedAt());
        files.saveFile(file);
        return new AttachmentRef(file.fileName(), file.contentType(), file.size(), sha256, urlOf(id));
    }

    /** The file behind a reference id, when there is one. */
    public Optional<StoredContent> find(UUID id) {
        return files.find(id);
    }

    /** Where staff download a file. */
    public String urlOf(UUID id) {
        return publicUrl + "/api/attachments/" + id;
    }

    /** Hex SHA-256, the claim check's content key (also handy for stable message ids). */
    public static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always there", e);
        }
    }

    static String fileName(String name) {
        return cut(name == null || name.isBlank() ? DEFAULT_NAME : name.strip(), MAX_NAME);
    }

    static String contentType(String type) {
        return cut(type == null || type.isBlank() ? DEFAULT_TYPE : type.strip(), MAX_TYPE);
    }

    private static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }
}
