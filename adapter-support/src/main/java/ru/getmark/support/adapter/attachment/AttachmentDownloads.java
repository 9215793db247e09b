package ru.getmark.support.adapter.attachment;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import ru.getmark.support.adapter.staff.Roles;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Staff download the files customers sent, at the URL of the claim-check reference
 * ({@code <getmark.public-url>/api/attachments/<id>}). HTTP Basic, any staff role. Always served as a download
 * ({@code Content-Disposition: attachment}, {@code nosniff}, a sandbox CSP): a customer's HTML file must never run in
 * a staff member's browser.
 * <p>
 * Abstract and without a class-level {@code @Path} on purpose: a resource class in a library jar would be registered
 * in every adapter, intake-phone included. An adapter with files exposes it with
 * <pre>{@code
 * @Path("/api/attachments")
 * public class AttachmentResource extends AttachmentDownloads {
 *     AttachmentResource(ClaimCheck files) { super(files); }
 * }
 * }</pre>
 */
public abstract class AttachmentDownloads {

    private static final String NOT_FOUND = "Вложение не найдено";

    private final ClaimCheck files;

    protected AttachmentDownloads(ClaimCheck files) {
        this.files = files;
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.LINE1, Roles.LINE2, Roles.LINE3, Roles.ADMIN})
    @Operation(summary = "A file a customer sent (the URL of an attachment reference in getmark.intake.v1)")
    @APIResponse(responseCode = "200", description = "The file")
    @APIResponse(responseCode = "401", description = "No or wrong credentials")
    @APIResponse(responseCode = "403", description = "Not a staff account")
    @APIResponse(responseCode = "404", description = "No such attachment")
    public Response download(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(NOT_FOUND);
        }
        StoredContent file = files.find(uuid).orElseThrow(() -> new NotFoundException(NOT_FOUND));
        return Response.ok(file.content(), file.contentType())
                .header("Content-Disposition", contentDisposition(file.fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox")
                .header("Cache-Control", "private, no-store")
                .build();
    }

    /** {@code attachment} with a plain-ASCII name for old clients and the exact name in RFC 5987 form. */
    static String contentDisposition(String fileName) {
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + asciiName(fileName) + "\"; filename*=UTF-8''" + encoded;
    }

    /** A plain-ASCII fallback name for old clients. */
    static String asciiName(String name) {
        String ascii = name.replaceAll("[^\\x20-\\x7e]", "_").replace("\"", "_").replace("\\", "_");
        return ascii.isBlank() ? "attachment" : ascii;
    }
}
