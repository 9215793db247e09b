package ru.getmark.support.whatsapp.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ru.getmark.support.whatsapp.domain.WhatsAppRenderer;

/**
 * The renderer of WhatsApp messages, with the quick-reply templates configured. (The dialogue engine and the clock
 * come from adapter-support.)
 */
@ApplicationScoped
public class AppProducers {

    @Produces
    @Singleton
    WhatsAppRenderer renderer(WhatsAppConfig config) {
        return new WhatsAppRenderer(n -> config.templates().quickReply(n).filter(s -> !s.isBlank()));
    }
}
