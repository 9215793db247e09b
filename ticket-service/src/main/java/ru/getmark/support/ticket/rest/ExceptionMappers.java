package ru.getmark.support.ticket.rest;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import ru.getmark.support.ticket.service.TicketNotFoundException;

/** Turns exceptions into JSON problems, so that clients never get an HTML page or a stack trace. */
public class ExceptionMappers {

    @ServerExceptionMapper
    public Response notFound(TicketNotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, "Обращение не найдено", e.userMessage());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response r = e.getResponse();
        Response.Status status = Response.Status.fromStatusCode(r.getStatus());
        if (status == null || r.hasEntity()) {
            return r;
        }
        return Problem.response(status, status.getReasonPhrase(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        Log.error("Unexpected error in the staff API", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "Внутренняя ошибка",
                "Запрос не выполнен из-за внутренней ошибки сервиса. Повторите попытку позже.");
    }
}
