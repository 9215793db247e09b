package ru.getmark.support.notifier.messaging;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.notifier.support.Mailboxes;
import ru.getmark.support.notifier.support.PublishingTest;
import ru.getmark.support.notifier.support.TestEvents;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The delivery workers are woken by the commit that recorded a notice, not by their sweep: here the sweep comes once
 * an hour, so an email that arrives within the test's wait was sent because the consumer woke the workers.
 */
@QuarkusTest
@TestProfile(WakeOnRecordTest.HourlySweep.class)
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "notifier"),
        @ResourceArg(name = "mail", value = "true")})
class WakeOnRecordTest extends PublishingTest {

    public static class HourlySweep implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("getmark.delivery.sweep-interval", "1h");
        }
    }

    @Test
    @DisplayName("R2: with the sweep an hour away, each registration email leaves as soon as its event is recorded")
    void sentWithoutWaitingForTheSweep() {
        for (int i = 0; i < 3; i++) {
            // Every worker has drained what was due and waits for a wake-up (or the sweep, an hour away).
            await().atMost(WAIT).until(WakeOnRecordTest::allWorkersWaiting);
            String number = TestEvents.uniqueNumber();
            String email = TestEvents.uniqueEmail("wake");
            TicketEvent event = TestEvents.registered(number, "ООО Ромашка", email);
            publisher.publish(event);

            await().atMost(WAIT).until(() -> Mailboxes.countTo(infra.mail().greenMail(), email) == 1);
            assertThat(Mailboxes.readOverImap(infra.mail().imapPort(), email)).singleElement()
                    .satisfies(mail -> assertThat(mail.subject()).isEqualTo("Регистрация Обращения № " + number));
        }
    }

    private static boolean allWorkersWaiting() {
        List<Thread> workers = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("notice-delivery-")).toList();
        return !workers.isEmpty() && workers.stream().allMatch(t -> t.getState() == Thread.State.TIMED_WAITING);
    }
}
