package ru.getmark.support.infra.twilio;

/** A file the simulated customer sends (a photo, a PDF ...): what the fake stores and serves behind a MediaUrl. */
public record Media(String contentType, String fileName, byte[] content) {

    public Media {
        if (contentType == null || contentType.isBlank()) {
            throw new IllegalArgumentException("A media content type is required");
        }
        if (content == null) {
            throw new IllegalArgumentException("Media content is required");
        }
    }
}
