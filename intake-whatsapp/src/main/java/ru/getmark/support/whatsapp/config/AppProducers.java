package ru.getmark.support.whatsapp.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ru.getmark.support.common.dialog.ChatDialogue;
import ru.getmark.support.common.process.ProcessDirectory;
import ru.getmark.support.whatsapp.domain.WhatsAppRenderer;

import java.time.Clock;

/** The shared dialogue engine (with the built-in directory of GetMark processes), the renderer and the clock. */
@ApplicationScoped
public class AppProducers {

    @Produces
    @Singleton
    ChatDialogue dialogue() {
        return new ChatDialogue(ProcessDirectory.builtIn());
    }

    @Produces
    @Singleton
    WhatsAppRenderer renderer(WhatsAppConfig config) {
        return new WhatsAppRenderer(n -> config.templates().quickReply(n).filter(s -> !s.isBlank()));
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
