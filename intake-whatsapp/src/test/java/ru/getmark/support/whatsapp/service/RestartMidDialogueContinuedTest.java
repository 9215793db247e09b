package ru.getmark.support.whatsapp.service;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.whatsapp.support.Customer;
import ru.getmark.support.whatsapp.support.FakeTwilioResource;
import ru.getmark.support.whatsapp.support.TemplatesProfile;
import ru.getmark.support.whatsapp.support.WhatsAppTest;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * R5, second half of {@link RestartMidDialogueTest}: a new application with nothing in memory continues the
 * conversation at the name step from the state in PostgreSQL, and the request it publishes carries the ИНН and email
 * given before the restart. Needs the first half in the same JVM (run the module's tests, or both classes).
 */
@QuarkusTest
@TestProfile(TemplatesProfile.class)
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@WithTestResource(FakeTwilioResource.class)
class RestartMidDialogueContinuedTest extends WhatsAppTest {

    @Test
    @DisplayName("R5: after a restart the dialogue continues where it was, from the state in PostgreSQL")
    void dialogueContinuesAfterRestart() {
        assertThat(System.getProperty(RestartMidDialogueTest.DONE_PROPERTY)).as("the first half ran before")
                .isEqualTo("true");
        Customer c = customer("Ольга", RestartMidDialogueTest.phone());
        assertThat(c.saysAndReads("ИП Петрова")).contains("Выберите тип");
        c.saysAndReads("1");
        c.saysAndReads("2");
        c.saysAndReads("После перезапуска не уходят коды маркировки");
        c.saysAndReads("2");
        c.saysAndReads("Готово");
        c.saysAndReads("Отправить");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c)).singleElement()
                .satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
                    assertThat(m.inn()).isEqualTo(INN);
                    assertThat(m.customer().email()).isEqualTo("olga@example.ru");
                    assertThat(m.customer().name()).isEqualTo("ИП Петрова");
                }));
    }
}
