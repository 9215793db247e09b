package ru.getmark.support.local.bench;

import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.common.process.ProcessDirectory;

import java.time.Instant;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RequestFactoryTest {

    private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

    @Test
    void requestsLookLikeRealOnes() {
        RequestFactory factory = new RequestFactory(7, 500);
        Map<Channel, Integer> channels = new EnumMap<>(Channel.class);
        Set<String> inns = new HashSet<>();
        int withAttachments = 0;
        int twelveDigits = 0;
        for (int i = 0; i < 5_000; i++) {
            RequestFactory.Customer customer = factory.anyCustomer();
            IntakeMessage m = factory.newRequest(customer, customer.name() + " [" + i + "]", NOW);
            assertThat(Inn.check(m.inn())).isEmpty();
            assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.NEW_REQUEST);
            assertThat(m.text().length()).isBetween(RequestFactory.MIN_TEXT, RequestFactory.MAX_TEXT);
            assertThat(m.subject()).isNotBlank();
            assertThat(m.customer().email()).matches("[a-z]+@[a-z]+-\\d+\\.ru");
            assertThat(m.customer().phone()).matches("\\+79\\d{9}");
            assertThat(m.customer().name()).endsWith("[" + i + "]");
            assertThat(RegisteredEvents.TOKEN.matcher(m.customer().name()).find()).isTrue();
            assertThat(m.replyTo()).isNotNull();
            if (m.process() != null) {
                assertThat(ProcessDirectory.builtIn().contains(m.process())).isTrue();
            }
            if (m.channel() == Channel.TELEGRAM) {
                assertThat(m.customer().telegramChatId()).isNotNull();
            }
            channels.merge(m.channel(), 1, Integer::sum);
            inns.add(m.inn());
            withAttachments += m.attachments().isEmpty() ? 0 : 1;
            twelveDigits += m.inn().length() == 12 ? 1 : 0;
            IntakeMessage back = Json.fromBytes(Json.toBytes(m), IntakeMessage.class);
            assertThat(back).isEqualTo(m);
        }
        assertThat(channels).containsOnlyKeys(Channel.values());
        assertThat(channels.get(Channel.EMAIL)).isBetween(1_700, 2_300);
        assertThat(inns).hasSizeGreaterThan(400);
        assertThat(withAttachments).isBetween(450, 1_000);
        assertThat(twelveDigits).isBetween(1_000, 2_000);
    }

    @Test
    void textsSpreadOverTheWholeRange() {
        RequestFactory factory = new RequestFactory(8, 10);
        int shortOnes = 0;
        int longOnes = 0;
        for (int i = 0; i < 2_000; i++) {
            int length = factory.text().length();
            shortOnes += length < 600 ? 1 : 0;
            longOnes += length > 1_600 ? 1 : 0;
        }
        assertThat(shortOnes).isGreaterThan(300);
        assertThat(longOnes).isGreaterThan(300);
    }

    @Test
    void theSameSeedGivesTheSameRequests() {
        RequestFactory a = new RequestFactory(9, 100);
        RequestFactory b = new RequestFactory(9, 100);
        for (int i = 0; i < 100; i++) {
            assertThat(a.anyCustomer()).isEqualTo(b.anyCustomer());
            assertThat(a.text()).isEqualTo(b.text());
        }
    }
}
