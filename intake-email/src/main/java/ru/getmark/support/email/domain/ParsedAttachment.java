package ru.getmark.support.email.domain;

/**
 * A file that came with an email: an attachment, an inline image, or a file of a forwarded message.
 *
 * @param fileName    decoded file name (RFC 2231 / encoded-word), or a generated one ("image1.png") when it has none
 * @param contentType MIME type without parameters, lower case ("image/png")
 * @param content     the decoded bytes
 * @param inline      true for inline parts: Content-Disposition inline, or no disposition and a Content-ID, or a
 *                    resource of multipart/related (a pasted screenshot, a signature logo)
 * @param contentId   the Content-ID without angle brackets, or null
 */
public record ParsedAttachment(String fileName, String contentType, byte[] content, boolean inline,
                               String contentId) {

    public long size() {
        return content.length;
    }
}
