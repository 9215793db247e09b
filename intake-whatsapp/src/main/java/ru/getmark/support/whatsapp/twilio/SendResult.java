package ru.getmark.support.whatsapp.twilio;

/** What became of one REST call creating a message. */
public sealed interface SendResult {

    /** Twilio took the message (201): its sid and first status ("queued", "accepted"). */
    record Accepted(String sid, String status) implements SendResult {
    }

    /** Worth trying again later (429, 5xx, network error, credentials being fixed): Twilio's "may retry". */
    record RetryLater(Integer httpStatus, Integer code, String message) implements SendResult {
    }

    /** Refused for good (another 4xx: a bad number, a template that does not exist ...). */
    record Rejected(Integer httpStatus, Integer code, String message) implements SendResult {
    }
}
