package ru.getmark.support.infra.twilio;

/**
 * A quick-reply button of a content template: the title the customer sees (sent back as ButtonText and Body) and its
 * id (sent back as ButtonPayload). Both may contain {{n}} variables.
 */
public record QuickReply(String title, String id) {

    public QuickReply {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("A quick reply needs a title");
        }
        if (id == null || id.isBlank()) {
            id = title;
        }
    }
}
