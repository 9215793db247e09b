package ru.getmark.support.infra.twilio;

/** A refusal of the REST API: HTTP status and Twilio error code, answered as Twilio's error JSON. */
final class TwilioError extends RuntimeException {

    private final int httpStatus;
    private final int code;

    TwilioError(int httpStatus, int code, String message) {
        super(message);
        this.httpStatus = httpStatus;
        this.code = code;
    }

    int httpStatus() {
        return httpStatus;
    }

    int code() {
        return code;
    }
}
