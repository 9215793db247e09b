package ru.getmark.support.telegram.service;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.telegram.FakeTelegramApi;
import ru.getmark.support.telegram.support.FakeTelegramResource;
import ru.getmark.support.telegram.support.InjectFakeTelegram;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R5, first half of the restart scenario: a customer gets halfway through /new (ИНН and email given, the bot asks for
 * the name). {@link RestartMidDialogueContinuedTest} (another test profile, so Quarkus restarts in between; Quarkus
 * runs profiled classes after this one) continues the same chat on the new application (and a new fake Bot API: only the bot's own database remembers the
 * dialogue) from the state in PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "telegram"))
@WithTestResource(FakeTelegramResource.class)
class RestartMidDialogueTest {

    /**
     * The chat of the scenario, shared by both halves. Each application start loads the test classes in its own class
     * loader, so the halves share it (and the "first half done" mark) through system properties.
     */
    static final String USER_PROPERTY = "getmark.test.restart.user";
    static final String DONE_PROPERTY = "getmark.test.restart.first-half-done";
    static final String INN = "7707083893";

    static long user() {
        synchronized (System.getProperties()) {
            String user = System.getProperty(USER_PROPERTY);
            if (user == null) {
                user = Long.toString(System.currentTimeMillis() % 1_000_000 * 100 + 99);
                System.setProperty(USER_PROPERTY, user);
            }
            return Long.parseLong(user);
        }
    }

    private final long USER = user();

    @InjectFakeTelegram
    FakeTelegramApi telegram;

    private void say(String text) {
        int before = telegram.botMessages(USER).size();
        telegram.userMessage(USER, text);
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(USER).size() > before);
    }

    @Test
    @DisplayName("R5: halfway through /new before a restart (ИНН and email given)")
    void halfwayThroughNewRequest() {
        telegram.user(USER, "Ольга", "Петрова", "olga");
        say("/new");
        say(INN);
        say("olga@example.ru");
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.pendingUpdateCount() == 0);
        assertThat(telegram.lastBotMessage(USER).text()).contains("Как к вам обращаться");
        System.setProperty(DONE_PROPERTY, "true");
    }
}
