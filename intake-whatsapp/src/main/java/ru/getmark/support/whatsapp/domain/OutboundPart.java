package ru.getmark.support.whatsapp.domain;

import java.util.Map;

/**
 * One message to send through the Twilio REST API: a free-form body, or a content template with its variables.
 *
 * @param body       the text (at most 1600 characters), null for a template
 * @param contentSid the content template ("HX..."), null for free-form
 * @param variables  the template's ContentVariables, empty for free-form
 */
public record OutboundPart(String body, String contentSid, Map<String, String> variables) {

    public OutboundPart {
        variables = variables == null ? Map.of() : Map.copyOf(variables);
    }

    public static OutboundPart text(String body) {
        return new OutboundPart(body, null, Map.of());
    }

    public static OutboundPart template(String contentSid, Map<String, String> variables) {
        return new OutboundPart(null, contentSid, variables);
    }

    public boolean isTemplate() {
        return contentSid != null;
    }
}
