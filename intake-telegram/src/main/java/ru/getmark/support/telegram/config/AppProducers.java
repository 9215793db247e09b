package ru.getmark.support.telegram.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import ru.getmark.support.common.dialog.ChatDialogue;
import ru.getmark.support.common.process.ProcessDirectory;

import java.time.Clock;

/** The shared dialogue engine (with the built-in directory of GetMark processes) and the clock. */
@ApplicationScoped
public class AppProducers {

    @Produces
    @Singleton
    ChatDialogue dialogue() {
        return new ChatDialogue(ProcessDirectory.builtIn());
    }

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
