package ru.getmark.support.telegram.config;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import okhttp3.OkHttpClient;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.TelegramUrl;
import org.telegram.telegrambots.meta.generics.TelegramClient;

import java.net.URI;
import java.time.Duration;

/**
 * The real TelegramBots client, pointed at the configured Bot API ({@code getmark.telegram.api-url}): api.telegram.org
 * in production, the fake Bot API in the local stack and tests.
 */
@ApplicationScoped
public class BotClientProducer {

    /** The Bot API as TelegramBots wants it (scheme, host, port). */
    public static TelegramUrl telegramUrl(String apiUrl) {
        URI uri = URI.create(apiUrl.strip());
        String scheme = uri.getScheme() == null ? "https" : uri.getScheme();
        int port = uri.getPort() > 0 ? uri.getPort() : ("http".equals(scheme) ? 80 : 443);
        return new TelegramUrl(scheme, uri.getHost(), port, false);
    }

    @Produces
    @Singleton
    OkHttpClient okHttp(TelegramConfig config) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(config.pollTimeout().plusSeconds(15))
                .writeTimeout(Duration.ofSeconds(30))
                .build();
    }

    @Produces
    @Singleton
    TelegramClient client(OkHttpClient http, TelegramConfig config) {
        Log.infof("Telegram Bot API: %s (bot %s)", config.apiUrl(), config.botId());
        return new OkHttpTelegramClient(http, config.botToken(), telegramUrl(config.apiUrl()));
    }

    void close(@Disposes OkHttpClient http) {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
