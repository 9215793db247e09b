package ru.getmark.support.telegram.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import ru.getmark.support.infra.telegram.FakeTelegramApi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

/**
 * Starts deploy/infra's fake Bot API on a free port for one application start and points the bot at it (the real
 * TelegramBots client and long polling talk to it over HTTP).
 * <p>
 * The PostgreSQL database outlives an application start (deploy/infra shares it across the test JVM), and so do the
 * update ids it remembers as handled; the fake, like Telegram, never issues an id twice (see
 * {@code FakeTelegramApi.firstUpdateId}), so a new fake's updates are never taken for old ones.
 */
public class FakeTelegramResource implements QuarkusTestResourceLifecycleManager {

    /** initArg {@value}: "true" runs the bot in webhook mode, with the fake posting to this application. */
    public static final String WEBHOOK = "webhook";
    /** The secret the webhook-mode application gives in setWebhook. */
    public static final String WEBHOOK_SECRET = "fake-webhook-secret_42";

    private FakeTelegramApi telegram;
    private boolean webhook;

    @Override
    public void init(Map<String, String> initArgs) {
        webhook = Boolean.parseBoolean(initArgs.getOrDefault(WEBHOOK, "false"));
    }

    @Override
    public Map<String, String> start() {
        // A new fake per application start; its update ids continue above those of earlier fakes of this JVM, which
        // the bot's database (shared by the whole test run) remembers as handled.
        telegram = FakeTelegramApi.start();
        Map<String, String> config = new HashMap<>(Map.of("getmark.telegram.api-url", telegram.baseUrl(),
                "getmark.telegram.bot-token", telegram.token()));
        if (webhook) {
            // The webhook URL must be known before the application starts (it calls setWebhook at start), so the
            // application's test port is fixed here to a port free right now instead of the usual random one.
            int port = freePort();
            config.put("quarkus.http.test-port", Integer.toString(port));
            config.put("getmark.telegram.mode", "webhook");
            config.put("getmark.telegram.webhook-url", "http://127.0.0.1:" + port + "/telegram/webhook");
            config.put("getmark.telegram.webhook-secret", WEBHOOK_SECRET);
        }
        return config;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(telegram,
                new TestInjector.AnnotatedAndMatchesType(InjectFakeTelegram.class, FakeTelegramApi.class));
    }

    @Override
    public void stop() {
        if (telegram != null) {
            telegram.close();
        }
    }
}
