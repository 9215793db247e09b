package ru.getmark.support.telegram.service;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;
import ru.getmark.support.infra.telegram.FakeTelegramApi;
import ru.getmark.support.infra.telegram.SimMessage;
import ru.getmark.support.telegram.support.FakeTelegramResource;
import ru.getmark.support.telegram.support.InjectFakeTelegram;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static ru.getmark.support.telegram.service.RestartMidDialogueTest.INN;

/**
 * R5, second half of the restart scenario of {@link RestartMidDialogueTest}: a new Quarkus application (another test
 * profile) with nothing in memory continues the chat at the name step from the state in PostgreSQL, and the request
 * it publishes carries the ИНН and email given before the restart. Needs the first half in the same JVM (run the
 * module's tests, or both classes).
 */
@QuarkusTest
@TestProfile(RestartMidDialogueContinuedTest.Restarted.class)
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "telegram"))
@WithTestResource(FakeTelegramResource.class)
class RestartMidDialogueContinuedTest {

    /** Another profile: Quarkus stops the application of the first half and starts a fresh one. */
    public static class Restarted implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("getmark.telegram.flood.max-inputs", "61");
        }
    }

    private final long USER = RestartMidDialogueTest.user();

    @InjectInfra
    Infra infra;

    @InjectFakeTelegram
    FakeTelegramApi telegram;

    private SimMessage step(Runnable action) {
        int before = telegram.botMessages(USER).size();
        action.run();
        await().atMost(Duration.ofSeconds(20)).until(() -> telegram.botMessages(USER).size() > before);
        return telegram.lastBotMessage(USER);
    }

    private SimMessage pressFirst(SimMessage m) {
        assertThat(m.callbackData()).as("buttons of «%s»", m.text()).isNotEmpty();
        return step(() -> telegram.userCallback(USER, m.messageId(), m.callbackData().get(0)));
    }

    @Test
    @DisplayName("R5: after a restart the dialogue continues where it was, from the state in PostgreSQL")
    void dialogueContinuesAfterRestart() {
        assertThat(System.getProperty(RestartMidDialogueTest.DONE_PROPERTY)).as("the first half ran before the restart")
                .isEqualTo("true");

        SimMessage m = step(() -> telegram.userMessage(USER, "ИП Петрова"));
        assertThat(m.text()).contains("Выберите тип Обращения");
        m = pressFirst(m);                                  // type
        m = pressFirst(m);                                  // process
        m = step(() -> telegram.userMessage(USER, "После перезапуска не уходят коды маркировки"));
        m = pressFirst(m);                                  // impact
        SimMessage files = m;
        m = step(() -> telegram.userCallback(USER, files.messageId(), files.callbackDataOf("Готово")));
        SimMessage summary = m;
        step(() -> telegram.userCallback(USER, summary.messageId(), summary.callbackDataOf("Отправить")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<IntakeMessage> intake = TopicReader.intakeOfTelegramChat(infra.bootstrapServers(), USER);
            assertThat(intake).singleElement().satisfies(message -> {
                assertThat(message.kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
                assertThat(message.inn()).isEqualTo(INN);
                assertThat(message.customer().email()).isEqualTo("olga@example.ru");
                assertThat(message.customer().name()).isEqualTo("ИП Петрова");
                assertThat(message.text()).contains("коды маркировки");
            });
        });
    }
}
