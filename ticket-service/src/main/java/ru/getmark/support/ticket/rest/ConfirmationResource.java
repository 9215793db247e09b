package ru.getmark.support.ticket.rest;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.lifecycle.IllegalTransitionException;
import ru.getmark.support.ticket.domain.lifecycle.InvalidActionException;
import ru.getmark.support.ticket.service.ConcurrentChangeException;
import ru.getmark.support.ticket.service.ConfirmationService;

/**
 * The customer's page to confirm or not a solution and rate the work (R12): Russian, plain HTML that works on a
 * phone, no external assets. The token in the path is the capability (a 256-bit random value), so the form needs
 * no session or CSRF cookie: a forged post would have to know the token. Pages are not cached and send no referrer,
 * so the token does not leak.
 */
@Path("/confirm")
@PermitAll
@Tag(name = "confirmation")
public class ConfirmationResource {

    private static final String EXAMPLE_TOKEN = "q3Zb0K6yQm8xv2L1c9Fh4TtR7WnUaE5sJpDgYiXoNkA";

    private final ConfirmationService confirmations;
    private final Template page;

    public ConfirmationResource(ConfirmationService confirmations, @Location("confirm.html") Template page) {
        this.confirmations = confirmations;
        this.page = page;
    }

    @GET
    @Path("/{token}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The customer's confirmation page of a solution (R12)")
    @APIResponse(responseCode = "200", description = "The form", content = @Content(mediaType = "text/html",
            examples = @ExampleObject(name = "page", value = "<!DOCTYPE html>…Решение помогло?…")))
    @APIResponse(responseCode = "410", description = "Unknown, used or expired link (a Russian page)")
    public Response show(@Parameter(example = EXAMPLE_TOKEN) @PathParam("token") String token) {
        try {
            Ticket t = confirmations.open(token);
            return html(200, page.data("title", "Подтверждение решения").data("ticket", t)
                    .data("deadline", MoscowTime.format(t.confirmationDeadline))
                    .data("action", "/confirm/" + token).data("message", null).data("error", false));
        } catch (ConfirmationService.LinkGoneException e) {
            return gone(e);
        }
    }

    @POST
    @Path("/{token}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The customer's answer: decision=confirm|reject, rating=satisfactory|unsatisfactory, comment")
    @APIResponse(responseCode = "200", description = "Thanks page", content = @Content(mediaType = "text/html",
            examples = @ExampleObject(name = "thanks", value = "<!DOCTYPE html>…Спасибо за оценку…")))
    @APIResponse(responseCode = "400", description = "No decision or rating chosen (the form again)")
    @APIResponse(responseCode = "409", description = "Changed concurrently: try again")
    @APIResponse(responseCode = "410", description = "Unknown, used or expired link")
    public Response answer(@Parameter(example = EXAMPLE_TOKEN) @PathParam("token") String token,
                           @Parameter(example = "confirm") @FormParam("decision") String decision,
                           @Parameter(example = "satisfactory") @FormParam("rating") String rating,
                           @Parameter(example = "Спасибо, всё работает") @FormParam("comment") String comment) {
        try {
            if (!"confirm".equals(decision) && !"reject".equals(decision)) {
                return again(token, "Выберите, помогло ли решение.");
            }
            boolean confirmed = "confirm".equals(decision);
            Ticket t = confirmations.answer(token, confirmed, rating, comment);
            String message = confirmed
                    ? "Спасибо за оценку! Обращение № " + t.number + " закрыто."
                    : "Спасибо! Обращение № " + t.number + " возвращено в работу, специалист свяжется с вами.";
            return html(200, message(confirmed ? "Решение подтверждено" : "Обращение возвращено в работу",
                    message, false));
        } catch (ConfirmationService.LinkGoneException | IllegalTransitionException e) {
            return gone(e);
        } catch (InvalidActionException e) {
            return again(token, e.getMessage());
        } catch (ConcurrentChangeException e) {
            return html(409, message("Повторите попытку", "Обращение только что изменилось. Обновите страницу и "
                    + "повторите попытку.", true));
        }
    }

    private Response again(String token, String problem) {
        try {
            Ticket t = confirmations.open(token);
            return html(400, page.data("title", "Подтверждение решения").data("ticket", t)
                    .data("deadline", MoscowTime.format(t.confirmationDeadline))
                    .data("action", "/confirm/" + token).data("message", problem).data("error", true));
        } catch (ConfirmationService.LinkGoneException e) {
            return gone(e);
        }
    }

    private Response gone(RuntimeException e) {
        return html(410, message("Ссылка больше не действует", e.getMessage()
                + " Если вопрос остался, ответьте на письмо поддержки или напишите нам.", true));
    }

    private TemplateInstance message(String title, String message, boolean error) {
        return page.data("title", title).data("ticket", null).data("message", message).data("error", error)
                .data("deadline", null).data("action", null);
    }

    private static Response html(int status, TemplateInstance body) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(body.render())
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY").build();
    }
}
