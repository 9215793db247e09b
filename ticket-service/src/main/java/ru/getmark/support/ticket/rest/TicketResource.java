package ru.getmark.support.ticket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import ru.getmark.support.ticket.service.TicketService;

/** Staff API over tickets: reading only in this issue (the lifecycle comes next). Every line and admins may read. */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({"LINE1", "LINE2", "LINE3", "ADMIN"})
@Tag(name = "tickets")
public class TicketResource {

    private final TicketService tickets;

    public TicketResource(TicketService tickets) {
        this.tickets = tickets;
    }

    @GET
    @Path("/{number}")
    @Operation(summary = "A ticket by its number")
    public TicketView get(@PathParam("number") String number) {
        return TicketView.of(tickets.get(number));
    }

    /**
     * The ticket an intake message produced: intake-phone answers a call with the message id only, and support
     * (and tests) look the ticket up with it.
     */
    @GET
    @Operation(summary = "The ticket an intake message produced (by messageId)")
    public TicketView byMessageId(@QueryParam("messageId") String messageId) {
        if (messageId == null || messageId.isBlank()) {
            throw new BadRequestException("Укажите параметр messageId");
        }
        return TicketView.of(tickets.getByMessageId(messageId));
    }
}
