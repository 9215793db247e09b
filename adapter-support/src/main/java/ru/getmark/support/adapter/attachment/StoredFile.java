package ru.getmark.support.adapter.attachment;

import java.time.Instant;
import java.util.UUID;

/**
 * One file a customer sent, as its claim-check reference names it (a row of {@code attachment}); the bytes are kept
 * once per SHA-256 in {@code attachment_content}.
 *
 * @param id          the id in the reference's URL
 * @param sourceId    what the file came with, in the adapter's terms (a message id, a Telegram update id, a
 *                    MessageSid): lets an adapter find a message's files again
 * @param fileName    the file name, as staff will download it
 * @param contentType MIME type
 * @param size        bytes
 * @param sha256      hex SHA-256 of the bytes
 * @param storedAt    when it was first stored
 */
public record StoredFile(UUID id, String sourceId, String fileName, String contentType, long size, String sha256,
                         Instant storedAt) {
}
