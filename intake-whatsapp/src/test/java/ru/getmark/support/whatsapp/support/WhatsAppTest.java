package ru.getmark.support.whatsapp.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.inject.Inject;
import ru.getmark.support.adapter.chat.ChatTicketRepository;
import ru.getmark.support.common.dialog.DialogueContext;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.Topics;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;
import ru.getmark.support.infra.kafka.TopicWriter;
import ru.getmark.support.infra.twilio.FakeTwilioApi;
import ru.getmark.support.whatsapp.repository.InboxRepository;
import ru.getmark.support.whatsapp.repository.NoticeRepository;
import ru.getmark.support.whatsapp.repository.OutboxRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the service's tests share: the real Kafka and PostgreSQL, the fake Twilio API the real SDK talks to, the
 * repositories to look into, and helpers that act as the notifier and ticket-service would (real topics). Subclasses
 * declare {@code @QuarkusTest} and the same {@code @WithTestResource}s, so that they share one application start.
 */
public abstract class WhatsAppTest {

    public static final String INN = "7707083893";

    @InjectInfra
    protected Infra infra;

    @InjectFakeTwilio
    protected FakeTwilioApi twilio;

    @Inject
    protected InboxRepository inbox;

    @Inject
    protected OutboxRepository outbox;

    @Inject
    protected NoticeRepository notices;

    @Inject
    protected ChatTicketRepository tickets;

    protected Customer customer(String name) {
        return new Customer(twilio, inbox, outbox, name);
    }

    protected Customer customer(String name, String phone) {
        return new Customer(twilio, inbox, outbox, name, phone);
    }

    /** A customer who wrote (the 24-hour window is open), was answered, and is back at the start (no dialogue). */
    protected Customer wrote(String name) {
        Customer c = customer(name);
        c.saysAndReads("Здравствуйте");
        c.saysAndReads("Отмена");
        return c;
    }

    protected List<IntakeMessage> intakeOf(Customer customer) {
        return TopicReader.intakeOfWhatsApp(infra.bootstrapServers(), customer.waId());
    }

    protected void publish(ChannelNotice notice) {
        TopicWriter.send(infra.bootstrapServers(), Topics.CHANNEL_OUTBOUND, notice.key(), notice);
    }

    protected void publish(TicketEvent event) {
        TopicWriter.send(infra.bootstrapServers(), Topics.TICKET_EVENTS, event.key(), event);
    }

    /** A notice of the notifier to this customer's WhatsApp. */
    protected static ChannelNotice notice(String noticeId, String ticket, Customer customer, String text,
                                          ChannelAction... actions) {
        return new ChannelNotice(ChannelNotice.SCHEMA, noticeId, "event-" + noticeId, ticket, "solution",
                ChannelNotice.Audience.CUSTOMER, Channel.WHATSAPP, customer.waId(), text, List.of(actions),
                Instant.now());
    }

    protected static ChannelNotice solutionNotice(String noticeId, String ticket, Customer customer) {
        return notice(noticeId, ticket, customer, "По Обращению № " + ticket + " предоставлено решение: "
                        + "перезапустите агент печати. Подтвердите, пожалуйста, что проблема решена.",
                ChannelAction.of(ChannelAction.CONFIRM_SOLUTION, "Проблема решена"),
                ChannelAction.of(ChannelAction.REJECT_SOLUTION, "Не решена"),
                ChannelAction.link("Открыть обращение", "https://support.getmark.test/t/" + ticket));
    }

    protected static TicketEvent event(TicketEventType type, String ticket, Customer customer, TicketStatus status,
                                       Instant at) {
        TicketSnapshot snapshot = new TicketSnapshot(ticket, status, null, null, null, INN,
                new CustomerContact(customer.name(), null, "+" + customer.waId(), null, customer.waId()),
                Channel.WHATSAPP, at.minus(1, ChronoUnit.HOURS),
                new Deadlines(at.plus(3, ChronoUnit.DAYS), null, null), "Не печатается этикетка");
        return TicketEvent.of(type, at, snapshot, TicketEventData.byActor("operator"));
    }

    protected Optional<DialogueContext.OpenTicket> projected(Customer customer, String ticket) {
        return QuarkusTransaction.requiringNew().call(() -> tickets.openTickets(customer.waId())).stream()
                .filter(t -> t.number().equals(ticket)).findFirst();
    }

    /** solution_provided for this customer's ticket; returns once the projection awaits the confirmation. */
    protected void solved(Customer customer, String ticket) {
        publish(event(TicketEventType.SOLUTION_PROVIDED, ticket, customer, TicketStatus.CLOSED,
                Instant.now().truncatedTo(ChronoUnit.SECONDS)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(projected(customer, ticket))
                .hasValueSatisfying(t -> assertThat(t.awaitingConfirmation()).isTrue()));
    }

    protected Optional<NoticeRepository.Notice> storedNotice(String noticeId) {
        return QuarkusTransaction.requiringNew().call(() -> notices.find(noticeId));
    }

    /** The value of a Prometheus counter line, 0 when absent. */
    protected static double metric(String name, String labelFragment) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(l -> l.startsWith(name + "{") && l.contains(labelFragment))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }
}
