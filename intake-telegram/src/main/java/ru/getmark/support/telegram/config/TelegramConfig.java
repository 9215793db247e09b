package ru.getmark.support.telegram.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/**
 * Everything the Telegram adapter is told from outside ({@code getmark.telegram.*}). The token is a secret: it comes
 * from the environment ({@code GETMARK_TELEGRAM_BOT_TOKEN}) and is never logged.
 */
@ConfigMapping(prefix = "getmark.telegram")
public interface TelegramConfig {

    /** How updates arrive. */
    enum Mode {
        /** getUpdates in a loop: the local stack and tests. */
        LONG_POLLING,
        /** Telegram POSTs updates to {@code /telegram/webhook}: production. */
        WEBHOOK
    }

    /** The bot token from @BotFather ("123456:ABC..."); its digits before ':' are the bot id. */
    @WithName("bot-token")
    String botToken();

    /** The Bot API base URL: https://api.telegram.org, or the local fake Bot API (http://127.0.0.1:18081). */
    @WithName("api-url")
    @WithDefault("https://api.telegram.org")
    String apiUrl();

    /** long-polling (local) or webhook (production). */
    @WithDefault("long-polling")
    Mode mode();

    /** Webhook mode: the public HTTPS URL Telegram posts to (…/telegram/webhook). */
    @WithName("webhook-url")
    Optional<String> webhookUrl();

    /** Webhook mode: the secret Telegram sends in X-Telegram-Bot-Api-Secret-Token (1–256 of A-Z a-z 0-9 _ -). */
    @WithName("webhook-secret")
    Optional<String> webhookSecret();

    /** getUpdates long-poll timeout. */
    @WithName("poll-timeout")
    @WithDefault("30s")
    Duration pollTimeout();

    /** Files larger than this are refused politely: the Bot API's getFile download limit (20 MB). */
    @WithName("max-file-size")
    @WithDefault("20971520")
    long maxFileSize();

    /** Attempts of one Bot API call on 429 / 5xx / network errors before giving up. */
    @WithName("send-attempts")
    @WithDefault("5")
    int sendAttempts();

    /** The longest 429 retry_after honoured inline; longer waits fail the call (and Kafka redelivers). */
    @WithName("max-retry-after")
    @WithDefault("60s")
    Duration maxRetryAfter();

    /** Whether to register the command menu (setMyCommands) at start. */
    @WithName("register-commands")
    @WithDefault("true")
    boolean registerCommands();

    /** Flood guard per chat. */
    Flood flood();

    interface Flood {
        /** Inputs one chat may send within {@link #window()}; more are answered once with a polite notice. */
        @WithName("max-inputs")
        @WithDefault("30")
        int maxInputs();

        @WithDefault("1m")
        Duration window();
    }

    /** The bot id: the digits of the token before ':' (stable, unlike the username). */
    default String botId() {
        String token = botToken();
        int colon = token.indexOf(':');
        return colon > 0 ? token.substring(0, colon) : "bot";
    }
}
