package ru.getmark.support.whatsapp.support;

import io.quarkus.narayana.jta.QuarkusTransaction;
import ru.getmark.support.infra.twilio.FakeTwilioApi;
import ru.getmark.support.infra.twilio.Inbound;
import ru.getmark.support.infra.twilio.Media;
import ru.getmark.support.infra.twilio.SentMessage;
import ru.getmark.support.whatsapp.repository.InboxRepository;
import ru.getmark.support.whatsapp.repository.OutboxRepository;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A simulated WhatsApp customer: writes through the fake Twilio API (a signed webhook, as Twilio posts it) and waits
 * until the service has handled that very message and Twilio has taken every reply it queued for it, which the test
 * then reads as the customer sees them.
 */
public final class Customer {

    /** Numbers no other test of this JVM uses (the database outlives application starts). */
    private static final AtomicLong NUMBERS = new AtomicLong(9_000_000 + System.currentTimeMillis() % 900_000 * 10);

    private final FakeTwilioApi twilio;
    private final InboxRepository inbox;
    private final OutboxRepository outbox;
    private final String phone;
    private final String name;

    public Customer(FakeTwilioApi twilio, InboxRepository inbox, OutboxRepository outbox, String name) {
        this(twilio, inbox, outbox, name, newPhone());
    }

    public Customer(FakeTwilioApi twilio, InboxRepository inbox, OutboxRepository outbox, String name, String phone) {
        this.twilio = twilio;
        this.inbox = inbox;
        this.outbox = outbox;
        this.phone = phone;
        this.name = name;
    }

    /** A number no other customer of this JVM has. */
    public static String newPhone() {
        return String.format("+7999%07d", NUMBERS.incrementAndGet() % 10_000_000);
    }

    /** "+7999..." as the fake takes it. */
    public String phone() {
        return phone;
    }

    /** The WaId: the digits. */
    public String waId() {
        return phone.substring(1);
    }

    public String name() {
        return name;
    }

    /** Writes a text; @return the replies to it. */
    public List<SentMessage> says(String text) {
        return answersTo(twilio.customerSends(phone, text, name));
    }

    /** Writes a text; @return the text of the last reply. */
    public String saysAndReads(String text) {
        List<SentMessage> replies = says(text);
        assertThat(replies).as("replies to «%s»", text).isNotEmpty();
        return replies.get(replies.size() - 1).body();
    }

    public List<SentMessage> sendsMedia(String caption, Media... media) {
        return answersTo(twilio.customerSendsMedia(phone, caption, name, List.of(media)));
    }

    public List<SentMessage> pressesQuickReply(String title, String payload) {
        return answersTo(twilio.customerPressesButton(phone, title, payload, name));
    }

    public List<SentMessage> sendsRaw(Map<String, String> params) {
        Map<String, String> all = new java.util.HashMap<>(params);
        all.putIfAbsent("ProfileName", name);
        return answersTo(twilio.customerSendsRaw(phone, all));
    }

    /** Waits until the message is handled and every reply queued for it left the outbox; @return those replies. */
    public List<SentMessage> answersTo(Inbound in) {
        assertThat(in.status()).as("webhook answer to %s: %s", in.messageSid(), in.body()).isEqualTo(200);
        String sid = in.messageSid();
        await().atMost(Duration.ofSeconds(40)).until(() -> {
            Optional<String> status = QuarkusTransaction.requiringNew().call(() -> inbox.status(sid));
            if (status.isEmpty() || status.get().equals(InboxRepository.PENDING)) {
                return false;
            }
            List<OutboxRepository.Row> rows = QuarkusTransaction.requiringNew().call(() -> outbox.bySource(sid));
            return rows.stream().noneMatch(r -> r.status().equals("pending"));
        });
        List<OutboxRepository.Row> rows = QuarkusTransaction.requiringNew().call(() -> outbox.bySource(sid));
        Set<String> sids = rows.stream().map(OutboxRepository.Row::twilioSid).filter(s -> s != null)
                .collect(Collectors.toSet());
        return twilio.sentTo(phone).stream().filter(m -> sids.contains(m.sid())).toList();
    }

    /** Everything the service sent to this customer so far. */
    public List<SentMessage> received() {
        return twilio.sentTo(phone);
    }
}
