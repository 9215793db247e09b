package ru.getmark.support.whatsapp.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.twilio.Inbound;
import ru.getmark.support.infra.twilio.RecordedRequest;
import ru.getmark.support.infra.twilio.SentMessage;
import ru.getmark.support.whatsapp.repository.NoticeRepository;
import ru.getmark.support.whatsapp.repository.OutboxRepository;
import ru.getmark.support.whatsapp.support.Customer;
import ru.getmark.support.whatsapp.support.FakeTwilioResource;
import ru.getmark.support.whatsapp.support.WhatsAppTest;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Delivery as Twilio reports it: status callbacks recorded per message, failures counted by error code; a transient
 * failure (63018 rate limit) sent again, a permanent one (63024 invalid recipient) not, and a customer notice that
 * finally failed reported to ticket-service; a 429 of the REST API retried with backoff.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = @ResourceArg(name = "database", value = "whatsapp"))
@WithTestResource(FakeTwilioResource.class)
class DeliveryStatusTest extends WhatsAppTest {

    private List<OutboxRepository.Row> rowsOf(String source) {
        return QuarkusTransaction.requiringNew().call(() -> outbox.bySource(source));
    }

    @Test
    @DisplayName("A transient delivery failure (63018) is counted and the message sent again, then delivered")
    void transientFailureIsRetried() {
        Customer c = wrote("Анна");
        double failed = metric("getmark_whatsapp_delivery_failed_total", "error_code=\"63018\"");
        twilio.failDelivery(c.phone(), "failed", 63018);
        Inbound help = twilio.customerSends(c.phone(), "/help", c.name());
        await().atMost(Duration.ofSeconds(30)).until(() -> rowsOf(help.messageSid()).stream()
                .anyMatch(r -> "failed".equals(r.twilioStatus())));
        twilio.failDelivery(c.phone(), null, 0);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(rowsOf(help.messageSid()))
                .extracting(OutboxRepository.Row::twilioStatus).containsExactly("failed", "delivered"));
        List<SentMessage> sent = c.received().stream().filter(m -> m.body().contains("Что я умею")).toList();
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).body()).isEqualTo(sent.get(1).body());
        assertThat(sent.get(0).errorCode()).isEqualTo(63018);
        assertThat(sent.get(1).status()).isEqualTo("delivered");
        assertThat(metric("getmark_whatsapp_delivery_failed_total", "error_code=\"63018\"")).isEqualTo(failed + 1);
    }

    @Test
    @DisplayName("R20: a notice Twilio reports undeliverable (63024) is not retried; ticket-service is told "
            + "(delivery_failure)")
    void permanentFailureOfANoticeIsReported() {
        Customer c = wrote("Борис");
        twilio.failDelivery(c.phone(), "undelivered", 63024);
        double failed = metric("getmark_whatsapp_delivery_failed_total", "error_code=\"63024\"");
        String ticket = "WF-" + c.waId();
        ChannelNotice notice = solutionNotice("undeliverable-" + c.waId(), ticket, c);
        publish(notice);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(intakeOf(c))
                .singleElement().satisfies(m -> {
                    assertThat(m.kind()).isEqualTo(IntakeMessage.Kind.DELIVERY_FAILURE);
                    assertThat(m.ticketNumber()).isEqualTo(ticket);
                    assertThat(m.messageId()).isEqualTo("whatsapp:notice-failed:" + notice.noticeId());
                    assertThat(m.text()).contains("63024");
                }));
        assertThat(storedNotice(notice.noticeId())).hasValueSatisfying(n ->
                assertThat(n.outcome()).isEqualTo(NoticeRepository.FAILED));
        assertThat(c.received()).filteredOn(m -> m.body().contains("предоставлено решение")).hasSize(1);
        assertThat(metric("getmark_whatsapp_delivery_failed_total", "error_code=\"63024\"")).isEqualTo(failed + 1);
    }

    @Test
    @DisplayName("A 429 of the Twilio REST API is retried with backoff until the answer goes out, once")
    void rateLimitOfTheRestApiIsRetried() {
        Customer c = wrote("Вера");
        // three 429s: the SDK's HTTP client itself repeats a 429 once, so the outbox has to try again
        twilio.failRequests(3, 429, 20429);
        Inbound help = twilio.customerSends(c.phone(), "/help", c.name());
        List<SentMessage> answer = c.answersTo(help);
        assertThat(answer).singleElement().satisfies(m -> assertThat(m.body()).contains("Что я умею"));
        List<RecordedRequest> creates = twilio.requests().stream()
                .filter(r -> r.method().equals("POST") && r.path().endsWith("/Messages.json")
                        && ("whatsapp:" + c.phone()).equals(r.param("To")))
                .toList();
        assertThat(creates).extracting(RecordedRequest::httpStatus).containsExactly(201, 201, 429, 429, 429, 201);
        assertThat(rowsOf(help.messageSid())).singleElement()
                .satisfies(r -> assertThat(r.attempts()).as("sends by the outbox").isEqualTo(2));
    }
}
