package ru.getmark.support.telegram.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import ru.getmark.support.telegram.config.TelegramConfig;

import java.util.List;

/**
 * What the bot tells Telegram at start: its command menu (setMyCommands) and, in webhook mode, where to post updates
 * and the secret to send with them (setWebhook). Webhook mode without URL or secret refuses to start: an open webhook
 * would take anybody's forged updates.
 */
@ApplicationScoped
public class BotSetup {

    /** The command menu, in Russian. */
    static final List<BotCommand> COMMANDS = List.of(
            new BotCommand("new", "Новое обращение"),
            new BotCommand("status", "Мои открытые обращения"),
            new BotCommand("cancel", "Отменить текущий диалог"),
            new BotCommand("help", "Помощь"),
            new BotCommand("start", "Начать"));

    private final BotApi bot;
    private final TelegramConfig config;

    BotSetup(BotApi bot, TelegramConfig config) {
        this.bot = bot;
        this.config = config;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (config.mode() == TelegramConfig.Mode.WEBHOOK) {
            String url = config.webhookUrl().filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalStateException(
                    "intake-telegram refuses to start: getmark.telegram.mode=webhook needs getmark.telegram.webhook-url"));
            String secret = config.webhookSecret().filter(s -> s.matches("[A-Za-z0-9_-]{1,256}"))
                    .orElseThrow(() -> new IllegalStateException("intake-telegram refuses to start: webhook mode "
                            + "needs getmark.telegram.webhook-secret (1-256 characters A-Z a-z 0-9 _ -)"));
            try {
                bot.setWebhook(SetWebhook.builder().url(url).secretToken(secret)
                        .allowedUpdates(List.of("message", "edited_message", "callback_query")).build());
                Log.infof("Webhook set: %s", url);
            } catch (TelegramApiException e) {
                throw new IllegalStateException("setWebhook failed: " + e.getMessage(), e);
            }
        }
        if (config.registerCommands()) {
            try {
                bot.execute(SetMyCommands.builder().commands(COMMANDS).build());
            } catch (TelegramApiException e) {
                // The bot works without the menu; typing /new still does.
                Log.warnf("setMyCommands failed: %s", e.getMessage());
            }
        }
    }
}
