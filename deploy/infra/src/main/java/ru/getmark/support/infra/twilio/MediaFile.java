package ru.getmark.support.infra.twilio;

/** One attachment of a customer's message as the webhook announced it (MediaUrlN, MediaContentTypeN). */
public record MediaFile(String mediaSid, String url, String contentType, String fileName, int size) {
}
