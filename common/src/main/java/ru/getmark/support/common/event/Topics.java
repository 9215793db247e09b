package ru.getmark.support.common.event;

/**
 * Kafka topic names. They are the operations interface of the product: renaming one is a breaking change.
 * Partition counts and retention are set where topics are created (see {@code deploy/infra} and the README).
 */
public final class Topics {

    /** Normalised customer requests from every channel adapter; key = ИНН (or ticket number for a follow-up without ИНН). */
    public static final String INTAKE = "getmark.intake.v1";
    /** Messages an adapter refused (no ИНН, bad ИНН, loop, flood, too large); key = channel sender id. */
    public static final String INTAKE_REJECTED = "getmark.intake-rejected.v1";
    /** Everything that happens to a ticket; key = ticket number. */
    public static final String TICKET_EVENTS = "getmark.ticket-events.v1";
    /** Chat notices for the Telegram and WhatsApp adapters to deliver; key = channel address. */
    public static final String CHANNEL_OUTBOUND = "getmark.channel-outbound.v1";

    private Topics() {
    }

    /** The dead-letter topic of a source topic. */
    public static String dlq(String topic) {
        return topic + ".dlq";
    }
}
