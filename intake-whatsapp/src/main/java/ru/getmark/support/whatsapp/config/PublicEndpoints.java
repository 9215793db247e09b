package ru.getmark.support.whatsapp.config;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's URLs as Twilio sees them, built from {@code getmark.public-url}. Behind a proxy or an ingress the URL
 * Twilio signs is the public one, never the address the request finally reaches, so signatures are checked against
 * these and nothing taken from the request's Host header (which a forger controls).
 */
@ApplicationScoped
public class PublicEndpoints {

    /** Where Twilio posts incoming WhatsApp messages ("A message comes in" of the sender). */
    public static final String WEBHOOK_PATH = "/twilio/whatsapp";
    /** Where Twilio posts delivery statuses of the messages this service sends. */
    public static final String STATUS_PATH = "/twilio/status";

    private final String base;

    PublicEndpoints(@ConfigProperty(name = "getmark.public-url") String publicUrl) {
        this.base = strip(publicUrl);
    }

    /** Public base URL without a trailing slash. */
    public String base() {
        return base;
    }

    /** {@code <public-url>/twilio/whatsapp}: the URL the inbound webhook's signature covers. */
    public String webhookUrl() {
        return base + WEBHOOK_PATH;
    }

    /** {@code <public-url>/twilio/status}: the StatusCallback of every message sent, and what its signature covers. */
    public String statusUrl() {
        return base + STATUS_PATH;
    }

    static String strip(String url) {
        String u = url == null ? "" : url.strip();
        while (u.endsWith("/")) {
            u = u.substring(0, u.length() - 1);
        }
        return u;
    }
}
