package ru.getmark.support.telegram.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import ru.getmark.support.telegram.config.Roles;
import ru.getmark.support.telegram.service.AttachmentStore;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Staff download the files customers sent to the bot, at the URL of the claim-check reference
 * ({@code <getmark.public-url>/api/attachments/<id>}). HTTP Basic, any staff role. Always served as a download
 * ({@code Content-Disposition: attachment}, {@code nosniff}): a customer's HTML file must never run in a staff
 * member's browser.
 */
@Path("/api/attachments")
public class AttachmentResource {

    private final AttachmentStore store;

    AttachmentResource(AttachmentStore store) {
        this.store = store;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LINE1, Roles.LINE2, Roles.LINE3, Roles.ADMIN})
    @Operation(summary = "A file a customer sent to the Telegram bot (the URL of an attachment reference in getmark.intake.v1)")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "401", description = "No or wrong credentials")
    @APIResponse(responseCode = "403", description = "Not a staff account")
    @APIResponse(responseCode = "404", description = "No such attachment")
    public Response download(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("Вложение не найдено");
        }
        ru.getmark.support.telegram.repository.AttachmentRepository.Stored file = store.download(uuid)
                .orElseThrow(() -> new NotFoundException("Вложение не найдено"));
        String encoded = URLEncoder.encode(file.fileName(), StandardCharsets.UTF_8).replace("+", "%20");
        return Response.ok(file.content(), file.contentType())
                .header("Content-Disposition", "attachment; filename=\"" + asciiName(file.fileName())
                        + "\"; filename*=UTF-8''" + encoded)
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /** A plain-ASCII fallback name for old clients. */
    static String asciiName(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
        return ascii.isBlank() ? "attachment" : ascii;
    }
}
