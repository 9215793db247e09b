package ru.getmark.support.ticket.rest;

import io.quarkus.logging.Log;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.MediaType;
import ru.getmark.support.ticket.domain.lifecycle.IllegalTransitionException;
import ru.getmark.support.ticket.domain.lifecycle.InvalidActionException;
import ru.getmark.support.ticket.domain.lifecycle.LineForbiddenException;
import ru.getmark.support.ticket.domain.lifecycle.StaffAction;
import ru.getmark.support.ticket.service.ConcurrentChangeException;
import ru.getmark.support.ticket.service.MassProblemConflictException;
import ru.getmark.support.ticket.service.MassProblemNotFoundException;
import ru.getmark.support.ticket.service.TicketNotFoundException;

/** Turns exceptions into JSON problems, so that clients never get an HTML page or a stack trace. */
public class ExceptionMappers {

    /** PostgreSQL's deadlock_detected, serialization_failure and lock_not_available. */
    private static final java.util.Set<String> LOCK_CONFLICTS = java.util.Set.of("40P01", "40001", "55P03");

    /** A lock conflict, or a second unresolved mass problem for one group (the unique index, R16). */
    static boolean isLockConflict(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof java.sql.SQLException sql && (LOCK_CONFLICTS.contains(sql.getSQLState())
                    || "23505".equals(sql.getSQLState()) && String.valueOf(sql.getMessage())
                    .contains("mass_problem_open_root_uk"))) {
                return true;
            }
        }
        return false;
    }

    @ServerExceptionMapper
    public Response notFound(TicketNotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, "Обращение не найдено", e.userMessage());
    }

    @ServerExceptionMapper
    public Response massProblemNotFound(MassProblemNotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, "Массовая проблема не найдена", e.getMessage());
    }

    @ServerExceptionMapper
    public Response massProblemConflict(MassProblemConflictException e) {
        return Problem.response(Response.Status.CONFLICT, "Массовая проблема: действие недопустимо", e.getMessage());
    }

    @ServerExceptionMapper
    public Response illegalTransition(IllegalTransitionException e) {
        return Response.status(Response.Status.CONFLICT)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(new ActionProblem("about:blank", "Действие недопустимо", 409, e.getMessage(),
                        e.allowed().stream().map(StaffAction::code).toList()))
                .build();
    }

    @ServerExceptionMapper
    public Response concurrentChange(ConcurrentChangeException e) {
        if (e.allowedActions() == null) {
            return Problem.response(Response.Status.CONFLICT, "Обращение изменено одновременно", e.getMessage());
        }
        return Response.status(Response.Status.CONFLICT)
                .type(MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8"))
                .entity(new ActionProblem("about:blank", "Обращение изменено одновременно", 409, e.getMessage(),
                        e.allowedActions()))
                .build();
    }

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e) {
        return Problem.response(Response.Status.CONFLICT, "Обращение изменено одновременно",
                "Обращение одновременно изменено другим действием: обновите обращение и повторите действие");
    }

    @ServerExceptionMapper
    public Response otherLine(LineForbiddenException e) {
        return Problem.response(Response.Status.FORBIDDEN, "Обращение другой линии", e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidAction(InvalidActionException e) {
        return Problem.response(Response.Status.BAD_REQUEST, "Неверный запрос", e.getMessage());
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
        if (isLockConflict(e)) {
            // two changes of one group met in the database (a deadlock broken by PostgreSQL, or the unique open mass
            // problem per group): the transaction was rolled back whole, nothing is half-done
            Log.infof("Concurrent change refused: %s", e.getMessage());
            return Problem.response(Response.Status.CONFLICT, "Обращение изменено одновременно",
                    "Обращение одновременно изменено другим действием: обновите обращение и повторите действие");
        }
        Log.error("Unexpected error in the staff API", e);
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "Внутренняя ошибка",
                "Запрос не выполнен из-за внутренней ошибки сервиса. Повторите попытку позже.");
    }
}
