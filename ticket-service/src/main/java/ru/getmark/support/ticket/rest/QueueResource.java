package ru.getmark.support.ticket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.ticket.service.TicketQueryService;

import java.util.List;

/** A line's queue (R14): its open tickets, Критический first, then by deadline, with the working time left. */
@Path("/api/queues")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"LINE1", "LINE2", "LINE3", "ADMIN"})
@Tag(name = "queues")
public class QueueResource {

    private final TicketQueryService queries;

    public QueueResource(TicketQueryService queries) {
        this.queries = queries;
    }

    @GET
    @Path("/{line}")
    @Operation(summary = "A line's queue of open tickets ordered by deadline (first, second, third)")
    @APIResponse(responseCode = "200", description = "The queue", content = @Content(examples = @ExampleObject(
            name = "queue", value = """
                    [{"number": "1001", "status": "new", "priority": "critical", "line": "first", "deadline": null},
                     {"number": "1000", "status": "in_progress", "priority": "high", "line": "first",
                      "deadline": "2026-12-08T12:00:00Z", "workingTimeLeft": "PT3H", "overdue": false}]""")))
    @APIResponse(responseCode = "400", description = "Unknown line")
    public List<ListedTicket> queue(@Parameter(example = "first") @PathParam("line") String line,
                                    @QueryParam("limit") @DefaultValue("200") int limit) {
        SupportLine l = Params.code(line, SupportLine.class, "line");
        if (l == null) {
            throw new BadRequestException("Укажите линию: first, second или third");
        }
        return queries.queue(l, Math.max(1, Math.min(limit, 1000))).stream().map(ListedTicket::of).toList();
    }
}
