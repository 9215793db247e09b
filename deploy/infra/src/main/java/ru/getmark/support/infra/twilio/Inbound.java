package ru.getmark.support.infra.twilio;

/**
 * One webhook POST of a customer's message: its MessageSid and the service's HTTP answer (status -1 and the error in
 * {@code body} when the service could not be reached or did not answer within Twilio's 15 s).
 */
public record Inbound(String messageSid, int status, String body) {
}
