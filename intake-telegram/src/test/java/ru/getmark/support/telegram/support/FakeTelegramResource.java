package ru.getmark.support.telegram.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import ru.getmark.support.infra.telegram.FakeTelegramApi;

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

    private FakeTelegramApi telegram;

    @Override
    public Map<String, String> start() {
        // A new fake per application start; its update ids continue above those of earlier fakes of this JVM, which
        // the bot's database (shared by the whole test run) remembers as handled.
        telegram = FakeTelegramApi.start();
        return Map.of("getmark.telegram.api-url", telegram.baseUrl(),
                "getmark.telegram.bot-token", telegram.token());
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
