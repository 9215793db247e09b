package ru.getmark.support.infra.telegram;

/**
 * An error the fake Bot API answers with, shaped like Telegram's: {@code {"ok":false,"error_code":..,
 * "description":..}} and the same HTTP status. A 429 carries {@code parameters.retry_after}.
 */
final class BotApiException extends RuntimeException {

    private final int errorCode;
    private final Integer retryAfter;

    BotApiException(int errorCode, String description) {
        this(errorCode, description, null);
    }

    BotApiException(int errorCode, String description, Integer retryAfter) {
        super(description, null, false, false);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
    }

    static BotApiException badRequest(String detail) {
        return new BotApiException(400, "Bad Request: " + detail);
    }

    int errorCode() {
        return errorCode;
    }

    Integer retryAfter() {
        return retryAfter;
    }
}
