package ru.getmark.support.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.getmark.support.ticket.domain.MassProblem;
import ru.getmark.support.ticket.domain.lifecycle.Actor;
import ru.getmark.support.ticket.service.MassProblemService;

import java.util.List;

/**
 * Mass problems (R16, regulation §5.15). Declared automatically when a group of similar tickets (R15) gets more than
 * four tickets within 24 hours, or by second/third-line staff; resolving one answers every open ticket of it with the
 * resolution and a personal confirmation link (R12). Reading is open to every staff role.
 */
@Path("/api/mass-problems")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"LINE1", "LINE2", "LINE3", "ADMIN"})
@Tag(name = "mass problems")
public class MassProblemResource {

    private static final String EXAMPLE = """
            {"id": 3, "title": "Не отправляется УПД контрагенту", "rootTicket": "1000", "status": "open",
             "statusLabel": "Ведутся работы", "automatic": true, "declaredAt": "2026-12-07T09:30:00Z",
             "declaredAtMsk": "07.12.2026 12:30 (Мск)", "declaredBy": "system", "ticketCount": 5,
             "openTicketCount": 5, "tickets": [{"number": "1000", "status": "in_progress", "line": "third",
             "joinedAt": "2026-12-07T09:30:00Z"}]}""";

    private final MassProblemService massProblems;
    private final SecurityIdentity identity;

    public MassProblemResource(MassProblemService massProblems, SecurityIdentity identity) {
        this.massProblems = massProblems;
        this.identity = identity;
    }

    /** What staff send to declare a mass problem by hand. */
    @Schema(description = "Объявление массовой проблемы: обращение группы (её основное или связанное с ним) и "
            + "название")
    public record Declaration(
            @Schema(description = "Номер обращения, по которому ведутся работы, или связанного с ним",
                    examples = "1000") String ticket,
            @Schema(description = "Название, его увидят пользователи", examples = "Не отправляется УПД контрагенту")
            String title) {
    }

    /** What staff send when the mass problem is fixed. */
    @Schema(description = "Устранение массовой проблемы: что сделано (получат все пользователи как решение)")
    public record Resolution(
            @Schema(description = "Что сделано для устранения; текст решения для всех обращений",
                    examples = "Выпущено обновление 3.2.1, отправка УПД восстановлена") String resolution) {
    }

    @GET
    @Operation(summary = "Mass problems, unresolved first, then the newest (R16)")
    @APIResponse(responseCode = "200", description = "The list (without the tickets)", content = @Content(
            examples = @ExampleObject(name = "list", value = "[" + EXAMPLE + "]")))
    public List<MassProblemView> list(@QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("Параметр limit должен быть от 1 до 1000");
        }
        return massProblems.list(limit).stream().map(MassProblemView::of).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "A mass problem with its tickets (R16)")
    @APIResponse(responseCode = "200", description = "The mass problem", content = @Content(
            schema = @Schema(implementation = MassProblemView.class),
            examples = @ExampleObject(name = "mass problem", value = EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such mass problem")
    public MassProblemView get(@Parameter(example = "3") @PathParam("id") long id) {
        return MassProblemView.of(massProblems.get(id));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"LINE2", "LINE3", "ADMIN"})
    @Operation(summary = "Declare a mass problem by hand for the group of a ticket (R16)",
            description = "LINE2, LINE3, ADMIN. The ticket is the group's root (open, escalated to line 2/3 or "
                    + "awaiting a release) or a ticket linked to it. Every open ticket of the group gets "
                    + "mass_problem_declared (its customer is told the problem is known and being fixed); tickets "
                    + "linked later join it.")
    @RequestBody(content = @Content(schema = @Schema(implementation = Declaration.class), examples = @ExampleObject(
            name = "declare", value = "{\"ticket\": \"1000\", \"title\": \"Не отправляется УПД контрагенту\"}")))
    @APIResponse(responseCode = "201", description = "Declared", content = @Content(
            schema = @Schema(implementation = MassProblemView.class)))
    @APIResponse(responseCode = "400", description = "No ticket or title, or an unknown ticket")
    @APIResponse(responseCode = "403", description = "Not LINE2, LINE3 or ADMIN")
    @APIResponse(responseCode = "409", description = "The group already has one, or its root is closed or not "
            + "escalated", content = @Content(examples = @ExampleObject(name = "exists", value = """
            {"type": "about:blank", "title": "Массовая проблема: действие недопустимо", "status": 409,
             "detail": "По обращению № 1000 уже объявлена массовая проблема № 3 «Не отправляется УПД»"}""")))
    public Response declare(Declaration body, @Context UriInfo uri) {
        Declaration d = body == null ? new Declaration(null, null) : body;
        MassProblem mp = massProblems.declare(d.ticket(), d.title(), actor());
        MassProblemView view = MassProblemView.of(massProblems.get(mp.id));
        return Response.created(uri.getAbsolutePathBuilder().path(Long.toString(mp.id)).build()).entity(view)
                .build();
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"LINE2", "LINE3", "ADMIN"})
    @Operation(summary = "The mass problem is fixed: answer every open ticket of it (R16, R12)",
            description = "LINE2, LINE3, ADMIN. Each ticket still open moves to Закрытое pending the customer's "
                    + "confirmation, the resolution as its solution, and gets mass_problem_resolved with its own "
                    + "confirmation link; no reaction within 3 working days closes it (R12).")
    @RequestBody(content = @Content(schema = @Schema(implementation = Resolution.class), examples = @ExampleObject(
            name = "resolve", value = "{\"resolution\": \"Выпущено обновление 3.2.1, отправка УПД восстановлена\"}")))
    @APIResponse(responseCode = "200", description = "Resolved, with its tickets", content = @Content(
            schema = @Schema(implementation = MassProblemView.class)))
    @APIResponse(responseCode = "400", description = "No resolution text")
    @APIResponse(responseCode = "403", description = "Not LINE2, LINE3 or ADMIN")
    @APIResponse(responseCode = "404", description = "No such mass problem")
    @APIResponse(responseCode = "409", description = "Already resolved, or a ticket of it changed concurrently")
    public MassProblemView resolve(@Parameter(example = "3") @PathParam("id") long id, Resolution body) {
        massProblems.resolve(id, body == null ? null : body.resolution(), actor());
        return MassProblemView.of(massProblems.get(id));
    }

    private Actor actor() {
        return Actor.staff(identity.getPrincipal().getName(), identity.getRoles());
    }
}
