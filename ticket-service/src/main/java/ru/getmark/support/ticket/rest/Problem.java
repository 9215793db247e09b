package ru.getmark.support.ticket.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The JSON body of every error answer, shaped after RFC 9457 (type, title, status, detail). {@code title} and
 * {@code detail} are Russian: staff read them.
 */
public record Problem(String type, String title, int status, String detail) {

    public static Response response(Response.Status status, String title, String detail) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(new Problem("about:blank", title, status.getStatusCode(), detail))
                .build();
    }
}
