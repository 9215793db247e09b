package ru.getmark.support.telegram.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import ru.getmark.support.telegram.config.BotClientProducer;
import ru.getmark.support.telegram.config.TelegramConfig;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Long polling (the local stack): TelegramBots' long-polling application calls getUpdates and hands each batch to
 * {@link #consume}, on its single polling thread, before it asks for the next batch. That next getUpdates (offset =
 * last update + 1) is what acknowledges the batch to Telegram, so the offset moves on only once every update of the
 * batch is handled: published to Kafka with its acknowledgement, state saved, replies sent. An update that cannot be
 * handled now is retried here with backoff (never skipped); a crash meanwhile leaves it unacknowledged and Telegram
 * delivers it again, which {@link UpdateHandler} recognises.
 */
@ApplicationScoped
public class LongPolling implements LongPollingUpdateConsumer {

    private final UpdateHandler handler;
    private final TelegramConfig config;
    private TelegramBotsLongPollingApplication application;
    private volatile boolean stopping;

    LongPolling(UpdateHandler handler, TelegramConfig config) {
        this.handler = handler;
        this.config = config;
    }

    void start(@Observes @Priority(20) StartupEvent event) {
        if (config.mode() != TelegramConfig.Mode.LONG_POLLING) {
            return;
        }
        // Registration calls deleteWebhook first; the Bot API may not be reachable yet (the local fake starting, a
        // network blip), so it is retried in the background instead of failing the start.
        Thread starter = new Thread(this::register, "telegram-long-polling-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void register() {
        int timeout = (int) Math.max(0, config.pollTimeout().toSeconds());
        Duration backoff = Duration.ofMillis(500);
        while (!stopping) {
            try {
                TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication();
                app.registerBot(config.botToken(), () -> BotClientProducer.telegramUrl(config.apiUrl()),
                        lastReceived -> GetUpdates.builder().offset(lastReceived + 1).timeout(timeout).limit(100)
                                .allowedUpdates(List.of("message", "edited_message", "callback_query")).build(),
                        this);
                synchronized (this) {
                    application = app;
                    if (stopping) {
                        closeQuietly(app);
                    }
                }
                Log.infof("Long polling %s (timeout %ds)", config.apiUrl(), timeout);
                return;
            } catch (Exception e) {
                Log.warnf("Long polling not started (%s); retrying in %d ms", e.getMessage(), backoff.toMillis());
                LockSupport.parkNanos(backoff.toNanos());
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
        }
    }

    private static void closeQuietly(TelegramBotsLongPollingApplication app) {
        try {
            app.close();
        } catch (Exception e) {
            Log.warnf("Stopping long polling: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        synchronized (this) {
            if (application != null) {
                closeQuietly(application);
            }
        }
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            Duration backoff = Duration.ofMillis(500);
            while (!stopping) {
                try {
                    handler.handle(update);
                    break;
                } catch (RetryLaterException e) {
                    Log.warnf("Update %d not handled yet (%s); retrying in %d ms", update.getUpdateId(),
                            e.getMessage(), backoff.toMillis());
                } catch (RuntimeException e) {
                    Log.errorf(e, "Update %d failed; retrying in %d ms", update.getUpdateId(), backoff.toMillis());
                }
                LockSupport.parkNanos(backoff.toNanos());
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0
                        ? Duration.ofSeconds(30) : backoff.multipliedBy(2);
            }
            if (stopping) {
                return;
            }
        }
    }
}
