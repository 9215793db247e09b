package ru.getmark.support.whatsapp.service;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.whatsapp.support.Customer;
import ru.getmark.support.whatsapp.support.FakeTwilioResource;
import ru.getmark.support.whatsapp.support.WhatsAppTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * R5, first half of the restart scenario: a customer gets halfway through a request (ИНН and email given, the bot
 * asks for the name). {@link RestartMidDialogueContinuedTest} (another profile: Quarkus stops this application and
 * starts a new one, with a new fake Twilio API, after the classes of this profile) continues the same conversation
 * from PostgreSQL.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@WithTestResource(FakeTwilioResource.class)
class RestartMidDialogueTest extends WhatsAppTest {

    /** Shared by both halves through system properties (each application start has its own class loader). */
    static final String PHONE_PROPERTY = "getmark.test.whatsapp.restart.phone";
    static final String DONE_PROPERTY = "getmark.test.whatsapp.restart.first-half-done";

    static String phone() {
        synchronized (System.getProperties()) {
            String phone = System.getProperty(PHONE_PROPERTY);
            if (phone == null) {
                phone = Customer.newPhone();
                System.setProperty(PHONE_PROPERTY, phone);
            }
            return phone;
        }
    }

    @Test
    @DisplayName("R5: halfway through a request before a restart (ИНН and email given)")
    void halfwayThroughANewRequest() {
        Customer c = customer("Ольга", phone());
        c.saysAndReads("Здравствуйте");
        c.saysAndReads("1");
        c.saysAndReads(INN);
        assertThat(c.saysAndReads("olga@example.ru")).contains("Как к вам обращаться");
        System.setProperty(DONE_PROPERTY, "true");
    }
}
