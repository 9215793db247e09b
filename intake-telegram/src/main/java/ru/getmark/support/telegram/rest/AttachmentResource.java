package ru.getmark.support.telegram.rest;

import jakarta.ws.rs.Path;
import ru.getmark.support.adapter.attachment.AttachmentDownloads;
import ru.getmark.support.adapter.attachment.ClaimCheck;

/**
 * Staff download the files customers sent to the bot, at the URL of the claim-check reference
 * ({@code <getmark.public-url>/api/attachments/<id>}); the endpoint itself is adapter-support's
 * {@link AttachmentDownloads} (any staff role, always a download).
 */
@Path("/api/attachments")
public class AttachmentResource extends AttachmentDownloads {

    AttachmentResource(ClaimCheck files) {
        super(files);
    }
}
