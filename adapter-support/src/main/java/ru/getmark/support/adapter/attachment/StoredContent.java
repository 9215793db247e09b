package ru.getmark.support.adapter.attachment;

/** A stored file with its bytes, ready to be served to staff. */
public record StoredContent(String fileName, String contentType, String sha256, byte[] content) {
}
