package ru.getmark.support.whatsapp.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything the WhatsApp adapter is told from outside ({@code getmark.whatsapp.*}). The Twilio auth token is a secret:
 * it comes from the environment ({@code GETMARK_WHATSAPP_TWILIO_AUTH_TOKEN}) and is never logged. Account SID and
 * token are optional here only so that {@link TwilioSetup} can refuse to start with a message that says what to set,
 * instead of a bare "property required".
 */
@ConfigMapping(prefix = "getmark.whatsapp")
public interface WhatsAppConfig {

    /** The Twilio account the WhatsApp sender belongs to. */
    Twilio twilio();

    /** GetMark's WhatsApp sender as Twilio names it: {@code whatsapp:+79259509118} (+7 925 950-91-18). */
    @WithDefault("whatsapp:+79259509118")
    String sender();

    /** Twilio content templates (content SIDs "HX..."), all optional. */
    Templates templates();

    /**
     * Inbound media larger than this are not stored: the customer is told politely and the refusal is kept on
     * getmark.intake-rejected.v1 (too_large). 20 MB by default, above WhatsApp's own media limits except documents.
     */
    @WithName("max-media-size")
    @WithDefault("20971520")
    long maxMediaSize();

    /** The 24-hour customer-service window of WhatsApp. */
    Window window();

    /** The durable inbox of webhook messages and its worker. */
    Inbox inbox();

    /** The durable outbox of messages to the customers and its worker. */
    Outbox outbox();

    /** Flood guard per WhatsApp number. */
    Flood flood();

    /**
     * How long messages done with (inbox, outbox, delivery statuses, notices) are kept for redeliveries and ops before
     * housekeeping deletes them. Longer than Kafka's retention of getmark.channel-outbound.v1, so that a notice
     * consumed again is still recognised.
     */
    @WithDefault("30d")
    Duration retention();

    interface Twilio {
        /** Account SID ("AC..."); required (GETMARK_WHATSAPP_TWILIO_ACCOUNT_SID). */
        @WithName("account-sid")
        Optional<String> accountSid();

        /** Auth token: signs the webhooks, authenticates the REST calls; required, secret. */
        @WithName("auth-token")
        Optional<String> authToken();

        /**
         * Base URL of the Twilio REST API. Anything other than the default sends the SDK's requests there (the fake
         * Twilio API of the local stack and the tests).
         */
        @WithName("api-url")
        @WithDefault("https://api.twilio.com")
        String apiUrl();
    }

    interface Templates {
        /**
         * An approved WhatsApp template for chat notices outside the 24-hour window. ContentVariables: {@code 1} = the
         * notice text (flattened to one line, as WhatsApp requires of template parameters), {@code 2} = the ticket
         * number. Not configured: such a notice is left to email (recorded, counted, logged).
         */
        Optional<String> notice();

        /**
         * Quick-reply templates (type twilio/quick-reply) with one, two or three buttons. ContentVariables: {@code 1} =
         * the text, then per button its title and its id ({@code 2}/{@code 3}, {@code 4}/{@code 5},
         * {@code 6}/{@code 7}); the id comes back as ButtonPayload. Used for a message with that many choices whose titles fit WhatsApp's
         * 20 characters; otherwise the choices are numbered text.
         */
        @WithName("quick-reply-1")
        Optional<String> quickReply1();

        @WithName("quick-reply-2")
        Optional<String> quickReply2();

        @WithName("quick-reply-3")
        Optional<String> quickReply3();

        /** The quick-reply template for {@code n} buttons, if configured. */
        default Optional<String> quickReply(int n) {
            return switch (n) {
                case 1 -> quickReply1();
                case 2 -> quickReply2();
                case 3 -> quickReply3();
                default -> Optional.empty();
            };
        }
    }

    interface Window {
        /** How long after the customer's last message WhatsApp accepts free-form messages. */
        @WithDefault("24h")
        Duration length();

        /**
         * Safety margin: a notice is sent free-form only if the window stays open this much longer, so that the time
         * it waits in the outbox does not make Twilio refuse it (63016).
         */
        @WithDefault("10m")
        Duration margin();
    }

    interface Inbox {
        /** Worker threads handling inbound messages (each customer's messages still one at a time, in order). */
        @WithDefault("2")
        int workers();

        /** How often idle workers look for work another replica stored, or whose retry time came. */
        @WithName("poll-interval")
        @WithDefault("1s")
        Duration pollInterval();

        /** First retry delay after a failure (Kafka or Twilio media unavailable); doubles up to max-backoff. */
        @WithName("initial-backoff")
        @WithDefault("1s")
        Duration initialBackoff();

        @WithName("max-backoff")
        @WithDefault("1m")
        Duration maxBackoff();

        /**
         * Attempts at a message that fails for an unexpected reason (a defect, not an outage) before it is parked as
         * failed for ops, so that one poison message does not hold the customer's later messages forever. Outages
         * (Kafka, media download) are retried without limit.
         */
        @WithName("max-defect-attempts")
        @WithDefault("10")
        int maxDefectAttempts();
    }

    interface Outbox {
        @WithDefault("2")
        int workers();

        @WithName("poll-interval")
        @WithDefault("1s")
        Duration pollInterval();

        @WithName("initial-backoff")
        @WithDefault("2s")
        Duration initialBackoff();

        @WithName("max-backoff")
        @WithDefault("5m")
        Duration maxBackoff();

        /**
         * Attempts at one REST call answered 429 / 5xx / 401 / network error before the message is given up: with the
         * backoff capped at 5 minutes, 40 attempts ride out about three hours of Twilio trouble or a token rotation.
         */
        @WithName("max-attempts")
        @WithDefault("40")
        int maxAttempts();

        /** Whether to ask Twilio for delivery status callbacks ({@code <public-url>/twilio/status}). */
        @WithName("status-callbacks")
        @WithDefault("true")
        boolean statusCallbacks();

        /**
         * Delivery error codes (status callback failed/undelivered) that are worth sending the message again: rate
         * limits, queue overflow, provider hiccups. Never 63016 (window closed) or an invalid recipient.
         */
        @WithName("transient-error-codes")
        @WithDefault("30001,30008,63009,63010,63012,63018,63038")
        List<Integer> transientErrorCodes();

        /** How many times one message is sent again after a transient delivery failure. */
        @WithName("delivery-retries")
        @WithDefault("3")
        int deliveryRetries();

        /** Delay before sending again after a transient delivery failure (doubles per retry). */
        @WithName("delivery-retry-delay")
        @WithDefault("30s")
        Duration deliveryRetryDelay();
    }

    interface Flood {
        /** Inputs one number may send within {@link #window()}; more are answered once with a polite notice. */
        @WithName("max-inputs")
        @WithDefault("30")
        int maxInputs();

        @WithDefault("1m")
        Duration window();
    }
}
