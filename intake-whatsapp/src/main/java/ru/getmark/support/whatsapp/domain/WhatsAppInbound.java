package ru.getmark.support.whatsapp.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One inbound WhatsApp message as Twilio posts it (the form fields that matter to the dialogue). Plain Java: read from
 * the stored form, so the worker sees exactly what the webhook received, whenever it handles it.
 *
 * @param messageSid    Twilio's MessageSid ("SM..." / "MM..."): the idempotency key and the base of the messageId
 * @param waId          the customer's WhatsApp id (WaId: the number's digits, no "+")
 * @param profileName   the customer's WhatsApp profile name, may be null
 * @param body          the text (or the caption of a media message), may be empty
 * @param messageType   Twilio's MessageType (text, image, document, audio, video, location, sticker, contacts,
 *                      button, interactive, reaction, ...), lower case, may be empty (older API versions)
 * @param media         the attached media (NumMedia / MediaUrlN / MediaContentTypeN)
 * @param buttonPayload the id of a pressed quick-reply button, null when none
 * @param buttonText    the title of a pressed quick-reply button, null when none
 */
public record WhatsAppInbound(String messageSid, String waId, String profileName, String body, String messageType,
                              List<Media> media, String buttonPayload, String buttonText) {

    private static final Pattern SID = Pattern.compile("[A-Za-z0-9]{2,64}");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{6,20}");
    /** Twilio sends at most 10 media per message (WhatsApp: one). */
    static final int MAX_MEDIA = 10;

    /** One media item: where Twilio keeps it and its declared type. */
    public record Media(String url, String contentType) {
    }

    public WhatsAppInbound {
        media = media == null ? List.of() : List.copyOf(media);
        body = body == null ? "" : body;
        messageType = messageType == null ? "" : messageType.strip().toLowerCase(Locale.ROOT);
    }

    /** The message in a webhook form; empty when it has no usable MessageSid or sender. */
    public static Optional<WhatsAppInbound> parse(Map<String, String> form) {
        String sid = first(form, "MessageSid", "SmsMessageSid", "SmsSid");
        if (sid == null || !SID.matcher(sid).matches()) {
            return Optional.empty();
        }
        String waId = waId(form);
        if (waId == null) {
            return Optional.empty();
        }
        List<Media> media = new ArrayList<>();
        int count = parseInt(form.get("NumMedia"));
        for (int i = 0; i < Math.min(count, MAX_MEDIA); i++) {
            String url = blankToNull(form.get("MediaUrl" + i));
            if (url != null) {
                String type = blankToNull(form.get("MediaContentType" + i));
                media.add(new Media(url, type == null ? "application/octet-stream" : type));
            }
        }
        return Optional.of(new WhatsAppInbound(sid, waId, blankToNull(form.get("ProfileName")), form.get("Body"),
                form.get("MessageType"), media, blankToNull(form.get("ButtonPayload")),
                blankToNull(form.get("ButtonText"))));
    }

    /** WaId, or the digits of From ("whatsapp:+79161234567") when an older payload has no WaId. */
    static String waId(Map<String, String> form) {
        String waId = blankToNull(form.get("WaId"));
        if (waId != null) {
            waId = waId.replaceAll("[^0-9]", "");
        } else {
            String from = form.get("From");
            if (from == null) {
                return null;
            }
            waId = from.replaceFirst("(?i)^whatsapp:", "").replaceAll("[^0-9]", "");
        }
        return DIGITS.matcher(waId).matches() ? waId : null;
    }

    private static String first(Map<String, String> form, String... names) {
        for (String name : names) {
            String v = blankToNull(form.get(name));
            if (v != null) {
                return v.strip();
            }
        }
        return null;
    }

    private static int parseInt(String s) {
        try {
            return s == null ? 0 : Math.max(0, Integer.parseInt(s.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
