package ru.getmark.support.infra.twilio;

import java.time.Instant;

/**
 * One status callback the fake POSTed: the message, its new status, the error code (failed/undelivered), the URL the
 * request was signed for, the URL it was actually posted to (differs behind a {@code route}), and the service's HTTP
 * answer (-1: unreachable).
 */
public record StatusCallbackPost(String messageSid, String status, Integer errorCode, String url, int httpStatus,
        String postedTo, Instant at) {
}
