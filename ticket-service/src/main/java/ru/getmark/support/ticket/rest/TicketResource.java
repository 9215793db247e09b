package ru.getmark.support.ticket.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.lifecycle.Actor;
import ru.getmark.support.ticket.domain.lifecycle.StaffAction;
import ru.getmark.support.ticket.service.ConcurrentChangeException;
import ru.getmark.support.ticket.service.ActionRequest;
import ru.getmark.support.ticket.service.TicketLifecycleService;
import ru.getmark.support.ticket.service.TicketQueryService;
import ru.getmark.support.ticket.service.TicketSearch;
import ru.getmark.support.ticket.service.SimilarProblemService;
import ru.getmark.support.ticket.service.TicketService;

import java.util.List;

/**
 * Staff API over tickets (R6–R15): reading is open to every staff role; actions are for the staff of the ticket's
 * line and admins (R14). Every action is {@code POST /api/tickets/{number}/actions/{action}} with a JSON body of
 * the action's fields; it answers the ticket as it is after the action.
 */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"LINE1", "LINE2", "LINE3", "ADMIN"})
@Tag(name = "tickets")
public class TicketResource {

    private static final String ACTION_EXAMPLES = """
            take: {}
            request-info: {"question": "Пришлите скриншот ошибки"}
            solve: {"solution": "Переустановите сертификат"}
            refuse: {"reason": "Вопрос вне компетенции поддержки"}
            await-implementation: {"reason": "Нужна доработка печатной формы"}
            resume: {"reason": "Доработка выпущена"}
            route-to-developers: {"bugReport": {"expected": "УПД отправляется", "steps": "1. ..."}}
            extend-deadline: {"newDeadline": "2026-12-30T15:00:00Z", "reason": "Ожидаем ответ оператора ЭДО"}
            change-priority: {"priority": "critical", "reason": "Продукт полностью недоступен"}
            reclassify: {"type": "software_bug", "reason": "Ошибка воспроизведена"}
            escalate: {"reason": "Нужна экспертиза второй линии"}
            return: {"reason": "Уточните версию клиента"}
            assign: {"role": "developer", "name": "Иванов И. И."}
            link: {"ticket": "1000", "reason": "Та же ошибка отправки УПД"}
            unlink: {"reason": "Проблема оказалась другой"}""";

    private final TicketService tickets;
    private final TicketLifecycleService lifecycle;
    private final TicketQueryService queries;
    private final SimilarProblemService similar;
    private final SecurityIdentity identity;

    public TicketResource(TicketService tickets, TicketLifecycleService lifecycle, TicketQueryService queries,
                          SimilarProblemService similar, SecurityIdentity identity) {
        this.tickets = tickets;
        this.lifecycle = lifecycle;
        this.queries = queries;
        this.similar = similar;
        this.identity = identity;
    }

    @GET
    @Path("/{number}")
    @Operation(summary = "A ticket by its number, with the actions the caller may take now")
    @APIResponse(responseCode = "200", description = "The ticket", content = @Content(
            schema = @Schema(implementation = TicketView.class),
            examples = @ExampleObject(name = "ticket", value = """
                    {"number": "1000", "status": "in_progress", "statusLabel": "В работе", "priority": "high",
                     "line": "first", "deadline": "2026-12-08T12:00:00Z", "allowedActions": ["request-info", "solve"]}
                    """)))
    @APIResponse(responseCode = "404", description = "No such ticket")
    public TicketView get(@Parameter(example = "1000") @PathParam("number") String number) {
        Ticket t = tickets.get(number);
        return view(t, lifecycle.allowed(t, actor()));
    }

    /**
     * The ticket an intake message produced: intake-phone answers a call with the message id only, and support
     * (and tests) look the ticket up with it.
     */
    @GET
    @Operation(summary = "The ticket an intake message produced (by messageId)")
    @APIResponse(responseCode = "200", description = "The ticket",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "No messageId")
    @APIResponse(responseCode = "404", description = "No ticket for that message")
    public TicketView byMessageId(@Parameter(example = "phone-2f0c9c1e") @QueryParam("messageId") String messageId) {
        if (messageId == null || messageId.isBlank()) {
            throw new BadRequestException("Укажите параметр messageId");
        }
        return view(tickets.getByMessageId(messageId), null);
    }

    @GET
    @Path("/search")
    @Operation(summary = "Search tickets by line, status, priority, type, channel, ИНН and text",
            description = "Критический first, then by resolution deadline, with the working time left; codes as in "
                    + "the event contracts (status=in_progress, priority=high, line=second, channel=email); q is a "
                    + "ticket number or words of the subject or text. All criteria are optional.")
    @APIResponse(responseCode = "200", description = "Matching tickets",
            content = @Content(examples = @ExampleObject(name = "list", value = """
                    [{"number": "1000", "status": "new", "priority": "high", "line": "first",
                      "deadline": "2026-12-08T12:00:00Z", "workingTimeLeft": "PT3H", "workingMinutesLeft": 180,
                      "overdue": false}]""")))
    @APIResponse(responseCode = "400", description = "An unknown code in a parameter")
    public List<ListedTicket> search(@Parameter(example = "first") @QueryParam("line") String line,
                                     @Parameter(example = "in_progress") @QueryParam("status") String status,
                                     @Parameter(example = "high") @QueryParam("priority") String priority,
                                     @Parameter(example = "software_bug") @QueryParam("type") String type,
                                     @Parameter(example = "email") @QueryParam("channel") String channel,
                                     @Parameter(example = "7707083893") @QueryParam("inn") String inn,
                                     @Parameter(example = "УПД") @QueryParam("q") String q,
                                     @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > 1000) {
            throw new BadRequestException("Параметр limit должен быть от 1 до 1000");
        }
        TicketSearch search = new TicketSearch(Params.code(line, SupportLine.class, "line"),
                Params.code(status, TicketStatus.class, "status"),
                Params.code(priority, Priority.class, "priority"),
                Params.code(type, TicketType.class, "type"),
                Params.code(channel, Channel.class, "channel"), inn, q, false, limit);
        return queries.search(search).stream().map(ListedTicket::of).toList();
    }

    @GET
    @Path("/{number}/history")
    @Operation(summary = "A ticket's full history: status changes, actions (who, when, why), clock pauses, events")
    @APIResponse(responseCode = "200", description = "The history", content = @Content(
            schema = @Schema(implementation = HistoryView.class),
            examples = @ExampleObject(name = "history", value = """
                    {"number": "1000",
                     "statusChanges": [{"from": "registration", "to": "new", "by": "system",
                                        "at": "2026-12-07T07:00:00Z", "reason": "Автоматическая регистрация обращения"}],
                     "actions": [], "pauses": [], "events": [{"type": "registered"}]}""")))
    @APIResponse(responseCode = "404", description = "No such ticket")
    public HistoryView history(@Parameter(example = "1000") @PathParam("number") String number) {
        return HistoryView.of(queries.history(number));
    }

    @GET
    @Path("/{number}/similar")
    @Operation(summary = "Open tickets with the same problem already worked on above the first line (R15)",
            description = "Where the ticket may be linked instead of being escalated again (regulation §5.10, "
                    + "§5.28): open group roots escalated to line 2 or 3 (including routed to developers) or "
                    + "awaiting a release, and roots of an unresolved mass problem; newest first. Similar means the "
                    + "same GetMark process when the ticket names one, else the same type (all=true drops this); "
                    + "q narrows to words of the subject or text. Link with POST .../actions/link {\"ticket\": n}.")
    @APIResponse(responseCode = "200", description = "Candidates", content = @Content(examples = @ExampleObject(
            name = "candidates", value = """
                    [{"number": "1000", "status": "in_progress", "statusLabel": "В работе", "line": "third",
                      "process": "edo-send", "subject": "Не отправляется УПД", "linkedTickets": 3,
                      "massProblemId": null, "matchedBy": ["process"]}]""")))
    @APIResponse(responseCode = "404", description = "No such ticket")
    public List<SimilarTicket> similar(@Parameter(example = "1004") @PathParam("number") String number,
                                       @Parameter(example = "УПД") @QueryParam("q") String q,
                                       @QueryParam("all") @DefaultValue("false") boolean all,
                                       @QueryParam("limit") @DefaultValue("50") int limit) {
        if (limit < 1 || limit > 500) {
            throw new BadRequestException("Параметр limit должен быть от 1 до 500");
        }
        return similar.candidates(number, q, all, limit).stream().map(SimilarTicket::of).toList();
    }

    @POST
    @Path("/{number}/actions/{action}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "A staff action on a ticket (R6–R14)",
            description = "Actions: take, request-info, solve, refuse, await-implementation, resume, "
                    + "route-to-developers, extend-deadline, change-priority, reclassify, escalate, return, assign, "
                    + "link, unlink. Only the staff of the ticket's line or ADMIN. Optional header If-Match: the "
                    + "version the caller saw. link (R15) attaches the ticket to an open ticket with the same problem "
                    + "already escalated to line 2/3 or awaiting a release (or to that ticket's root) instead of "
                    + "escalating it; a linked ticket cannot be escalated or routed to developers (409 names the "
                    + "ticket the work goes on in) until unlink. A link may declare a mass problem (R16). Bodies:\n"
                    + ACTION_EXAMPLES)
    @RequestBody(content = @Content(schema = @Schema(implementation = ActionRequest.class), examples = {
            @ExampleObject(name = "request-info", value = "{\"question\": \"Пришлите скриншот ошибки\"}"),
            @ExampleObject(name = "change-priority",
                    value = "{\"priority\": \"critical\", \"reason\": \"Продукт полностью недоступен\"}"),
            @ExampleObject(name = "assign", value = "{\"role\": \"developer\", \"name\": \"Иванов И. И.\"}"),
            @ExampleObject(name = "link",
                    value = "{\"ticket\": \"1000\", \"reason\": \"Та же ошибка отправки УПД\"}")}))
    @APIResponse(responseCode = "200", description = "The ticket after the action",
            content = @Content(schema = @Schema(implementation = TicketView.class)))
    @APIResponse(responseCode = "400", description = "A field is missing or wrong: the body says which",
            content = @Content(examples = @ExampleObject(name = "missing", value = """
                    {"type": "about:blank", "title": "Неверный запрос", "status": 400,
                     "detail": "Укажите причину отказа (поле reason)"}""")))
    @APIResponse(responseCode = "403", description = "The ticket is on another line")
    @APIResponse(responseCode = "404", description = "No such ticket or action")
    @APIResponse(responseCode = "409", description = "Not allowed in this state (allowed ones listed), or changed "
            + "concurrently", content = @Content(schema = @Schema(implementation = ActionProblem.class),
            examples = @ExampleObject(name = "illegal", value = """
                    {"type": "about:blank", "title": "Действие недопустимо", "status": 409,
                     "detail": "Действие «Предоставить решение» недопустимо для обращения № 1000 в состоянии «Новый»",
                     "allowedActions": ["take", "refuse", "extend-deadline"]}""")))
    public TicketView act(@Parameter(example = "1000") @PathParam("number") String number,
                          @Parameter(example = "take", schema = @Schema(type = SchemaType.STRING, enumeration = {
                                  "take", "request-info", "solve", "refuse", "await-implementation", "resume",
                                  "route-to-developers", "extend-deadline", "change-priority", "reclassify",
                                  "escalate", "return", "assign", "link", "unlink"}))
                          @PathParam("action") String action,
                          @Parameter(description = "The ticket version the caller saw", example = "3")
                          @HeaderParam("If-Match") String ifMatch,
                          ActionRequest body) {
        StaffAction a = StaffAction.ofCode(action).orElseThrow(() -> new jakarta.ws.rs.NotFoundException(
                "Неизвестное действие «" + action + "». Допустимые: take, request-info, solve, refuse, "
                        + "await-implementation, resume, route-to-developers, extend-deadline, change-priority, "
                        + "reclassify, escalate, return, assign, link, unlink"));
        Long expected = null;
        if (ifMatch != null && !ifMatch.isBlank()) {
            try {
                expected = Long.parseLong(ifMatch.replace("\"", "").replace("W/", "").strip());
            } catch (NumberFormatException e) {
                throw new BadRequestException("Заголовок If-Match должен содержать версию обращения (число)");
            }
        }
        Actor actor = actor();
        Ticket t;
        try {
            ActionRequest b = body == null ? ActionRequest.empty() : body;
            t = switch (a) {
                case LINK -> similar.link(number, actor, b.ticket(), b.reason(), expected);
                case UNLINK -> similar.unlink(number, actor, b.reason(), expected);
                default -> lifecycle.act(number, actor, a, b, expected);
            };
        } catch (ConcurrentChangeException e) {
            // the loser of a race is told what it may do now, on the ticket as the winner left it
            throw e.withAllowedActions(lifecycle.allowedNow(number, actor).stream().map(StaffAction::code).toList());
        }
        return view(t, lifecycle.allowed(t, actor));
    }

    /** The ticket with its similar-problem group and mass problem (R15, R16), read after the action committed. */
    private TicketView view(Ticket t, List<StaffAction> allowed) {
        return TicketView.of(t, allowed, similar.links(t.number));
    }

    private Actor actor() {
        return Actor.staff(identity.getPrincipal().getName(), identity.getRoles());
    }
}
