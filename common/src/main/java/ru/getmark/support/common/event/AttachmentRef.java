package ru.getmark.support.common.event;

/**
 * A claim-check reference to an attachment kept by the service that received it; the bytes never travel in Kafka.
 *
 * @param name        file name as the customer sent it
 * @param contentType MIME type
 * @param size        size in bytes
 * @param sha256      hex SHA-256 of the bytes
 * @param url         where staff fetch it (authenticated HTTP)
 */
public record AttachmentRef(String name, String contentType, long size, String sha256, String url) {
}
