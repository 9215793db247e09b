package ru.getmark.support.whatsapp.rest;

import jakarta.ws.rs.Path;
import ru.getmark.support.adapter.attachment.AttachmentDownloads;
import ru.getmark.support.adapter.attachment.ClaimCheck;

/**
 * Staff download the files customers sent over WhatsApp, at the URL of the claim-check reference
 * ({@code <getmark.public-url>/api/attachments/<id>}): HTTP Basic, any staff role, always as a download (the logic is
 * adapter-support's).
 */
@Path("/api/attachments")
public class AttachmentResource extends AttachmentDownloads {

    AttachmentResource(ClaimCheck files) {
        super(files);
    }
}
