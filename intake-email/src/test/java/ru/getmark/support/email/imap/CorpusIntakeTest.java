package ru.getmark.support.email.imap;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.email.corpus.EmailCorpus;
import ru.getmark.support.email.corpus.Expected;
import ru.getmark.support.email.domain.Verdict;
import ru.getmark.support.email.service.TicketProjection;
import ru.getmark.support.email.support.MailClient;
import ru.getmark.support.email.support.TicketEvents;
import ru.getmark.support.infra.Infra;
import ru.getmark.support.infra.InfraTestResource;
import ru.getmark.support.infra.InjectInfra;
import ru.getmark.support.infra.kafka.TopicReader;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every email of the corpus (Outlook, Gmail, Thunderbird, 1C, The Bat!, mobile clients; Russian charsets; forwards;
 * attachments; auto-replies; bounces; missing and wrong ИНН; replies to notices) delivered to help@getmark.ru through
 * GreenMail's SMTP, read by intake-email over IMAP, and what became of it read back from the real topics (checked
 * against the JSON Schemas) and from the senders' mailboxes. The tickets the replies refer to are made known the way
 * production does it: their events published to getmark.ticket-events.v1.
 */
@QuarkusTest
@WithTestResource(value = InfraTestResource.class, initArgs = {
        @ResourceArg(name = "database", value = "email"),
        @ResourceArg(name = "mail", value = "true")})
class CorpusIntakeTest {

    static final Duration WAIT = Duration.ofSeconds(90);

    @InjectInfra
    Infra infra;

    @Inject
    TicketProjection tickets;

    @Test
    @DisplayName("R1 R3 R4 R5 R11 R12: every corpus email through SMTP → IMAP → Kafka, with the auto-replies due"
            + " (and none where none is due)")
    void everyCorpusEmail() throws Exception {
        seedKnownTickets();
        MailClient mail = new MailClient(infra.mail());
        List<EmailCorpus.Entry> entries = EmailCorpus.all();
        assertThat(entries).hasSizeGreaterThanOrEqualTo(30);

        Map<EmailCorpus.Entry, String> messageIds = new LinkedHashMap<>();
        for (EmailCorpus.Entry entry : entries) {
            MimeMessage parsed = parse(entry.raw());
            assertThat(parsed.getMessageID()).as("Message-ID of " + entry.name()).isNotBlank();
            messageIds.put(entry, parsed.getMessageID().replaceAll("\\s+", ""));
            if (entry.envelopeFrom().isEmpty()) {
                // GreenMail's SMTP refuses the null sender: stored as a delivery agent stores such mail
                mail.append(concat(("Return-Path: <>\r\nReceived: from mx.example (mx.example [192.0.2.1]) by"
                        + " mail.getmark.ru; Mon, 23 Nov 2026 10:00:00 +0300\r\n").getBytes(StandardCharsets.US_ASCII),
                        entry.raw()));
            } else {
                mail.deliver(entry.envelopeFrom(), entry.raw());
            }
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(mail.unprocessed(messageIds.values())).as("not flagged yet").isEmpty());
        // Every due auto-reply has arrived (queued before the flag, sent by the worker within a second).
        await().atMost(WAIT).pollInterval(Duration.ofMillis(500)).until(() -> messageIds.entrySet().stream()
                .filter(e -> e.getKey().expected().kind() == Expected.Kind.REJECT && e.getKey().expected().autoReply())
                .allMatch(e -> !repliesTo(mail, e.getKey(), e.getValue()).isEmpty()));

        Map<String, List<TopicReader.Intake>> intake = TopicReader.intakeByMessageId(infra.bootstrapServers());
        Map<String, List<TopicReader.Rejected>> rejected =
                TopicReader.rejectedByMessageId(infra.bootstrapServers());
        SoftAssertions softly = new SoftAssertions();
        for (Map.Entry<EmailCorpus.Entry, String> e : messageIds.entrySet()) {
            String id = "email:" + e.getValue().substring(1, e.getValue().length() - 1);
            check(softly, mail, e.getKey(), e.getValue(), intake.getOrDefault(id, List.of()),
                    rejected.getOrDefault(id, List.of()));
        }
        softly.assertAll();
    }

    private void check(SoftAssertions softly, MailClient mail, EmailCorpus.Entry entry, String messageIdHeader,
                       List<TopicReader.Intake> intake, List<TopicReader.Rejected> rejected) {
        Expected x = entry.expected();
        String name = entry.name();
        List<MailClient.Received> replies = repliesTo(mail, entry, messageIdHeader);

        switch (x.kind()) {
            case NEW_REQUEST, FOLLOW_UP, DELIVERY_FAILURE -> {
                softly.assertThat(rejected).as(name + ": nothing rejected").isEmpty();
                softly.assertThat(intake).as(name + ": one intake message").hasSize(1);
                if (intake.size() != 1) {
                    return;
                }
                IntakeMessage m = intake.get(0).message();
                softly.assertThat(m.kind()).as(name + ": kind").isEqualTo(kindOf(x.kind()));
                softly.assertThat(intake.get(0).key()).as(name + ": key").isEqualTo(m.key());
                for (String fragment : x.present()) {
                    softly.assertThat(m.text()).as(name + ": text has «" + fragment + "»").contains(fragment);
                }
                for (String fragment : x.absent()) {
                    softly.assertThat(m.text()).as(name + ": text lacks «" + fragment + "»").doesNotContain(fragment);
                }
                if (x.kind() == Expected.Kind.NEW_REQUEST) {
                    softly.assertThat(m.inn()).as(name + ": ИНН").isEqualTo(x.inn());
                    softly.assertThat(m.relatedTicket()).as(name + ": related ticket").isEqualTo(x.relatedTicket());
                    softly.assertThat(m.customer().email()).as(name + ": customer email")
                            .isEqualToIgnoringCase(entry.sender());
                    softly.assertThat(m.replyTo()).as(name + ": reply address").isNotNull();
                    softly.assertThat(m.attachments()).as(name + ": attachments").hasSize(x.attachments());
                    if (x.classified()) {
                        softly.assertThat(m.type()).as(name + ": type").isEqualTo(x.type());
                        softly.assertThat(m.process()).as(name + ": process").isEqualTo(x.process());
                        softly.assertThat(m.impact()).as(name + ": impact").isEqualTo(x.impact());
                    }
                } else if (x.kind() == Expected.Kind.FOLLOW_UP) {
                    softly.assertThat(m.ticketNumber()).as(name + ": ticket").isEqualTo(x.ticketNumber());
                    softly.assertThat(m.attachments()).as(name + ": attachments").hasSize(x.attachments());
                    softly.assertThat(m.inn()).as(name + ": the ticket's ИНН as key").isEqualTo(innOf(x.ticketNumber()));
                } else {
                    softly.assertThat(m.ticketNumber()).as(name + ": ticket").isEqualTo(x.ticketNumber());
                    softly.assertThat(m.replyTo()).as(name + ": a bounce is never answered").isNull();
                }
                m.attachments().forEach(ref -> softly.assertThat(ref.url()).as(name + ": attachment URL")
                        .startsWith("https://email.getmark.test/api/attachments/"));
                softly.assertThat(replies).as(name + ": no auto-reply").isEmpty();
            }
            case REJECT -> {
                softly.assertThat(intake).as(name + ": no intake message").isEmpty();
                softly.assertThat(rejected).as(name + ": kept as rejected").hasSize(1);
                if (!rejected.isEmpty()) {
                    softly.assertThat(rejected.get(0).rejection().reason()).as(name + ": reason").isEqualTo(x.reason());
                    softly.assertThat(rejected.get(0).key()).as(name + ": key = sender")
                            .isEqualToIgnoringCase(entry.sender());
                }
                if (x.autoReply()) {
                    softly.assertThat(replies).as(name + ": one auto-reply").hasSize(1);
                    if (replies.size() == 1) {
                        MailClient.Received reply = replies.get(0);
                        softly.assertThat(reply.autoSubmitted()).as(name + ": Auto-Submitted").isEqualTo("auto-replied");
                        softly.assertThat(reply.from()).as(name + ": from").isEqualTo(EmailCorpus.SUPPORT);
                        softly.assertThat(reply.references()).as(name + ": References").contains(messageIdHeader);
                        for (String fragment : x.present()) {
                            softly.assertThat(reply.text()).as(name + ": auto-reply has «" + fragment + "»")
                                    .contains(fragment);
                        }
                    }
                } else {
                    softly.assertThat(replies).as(name + ": no auto-reply").isEmpty();
                }
            }
            case IGNORE -> {
                softly.assertThat(intake).as(name + ": no intake message").isEmpty();
                softly.assertThat(replies).as(name + ": never answered").isEmpty();
                if (x.ignoreCause() == Verdict.Ignore.Cause.OWN_MAIL) {
                    softly.assertThat(rejected).as(name + ": own mail is just dropped").isEmpty();
                } else {
                    softly.assertThat(rejected).as(name + ": automatic mail kept as loop").hasSize(1);
                    if (!rejected.isEmpty()) {
                        softly.assertThat(rejected.get(0).rejection().reason()).as(name + ": reason")
                                .isEqualTo(RejectedIntake.Reason.LOOP);
                        for (String fragment : x.present()) {
                            softly.assertThat(rejected.get(0).rejection().detail())
                                    .as(name + ": reason has «" + fragment + "»").contains(fragment);
                        }
                    }
                }
            }
        }
    }

    private void seedKnownTickets() {
        try (TicketEvents events = new TicketEvents(infra.bootstrapServers())) {
            for (EmailCorpus.KnownTicket ticket : EmailCorpus.KNOWN_TICKETS) {
                Instant at = Instant.parse("2026-11-02T09:00:00Z");
                events.publish(TicketEvents.event(TicketEventType.REGISTERED, at,
                        TicketEvents.ticket(ticket.number(), ticket.customerEmail(), ticket.inn(), TicketStatus.NEW)));
                if (ticket.closed()) {
                    events.publish(TicketEvents.event(TicketEventType.CLOSED, at.plusSeconds(86_400),
                            TicketEvents.ticket(ticket.number(), ticket.customerEmail(), ticket.inn(),
                                    TicketStatus.CLOSED)));
                }
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> EmailCorpus.KNOWN_TICKETS.stream().allMatch(t ->
                tickets.find(t.number()).map(k -> k.closed() == t.closed()).orElse(false)));
    }

    /** Our answers to this message in the mailbox its answers go to (Reply-To, else From). */
    private static List<MailClient.Received> repliesTo(MailClient mail, EmailCorpus.Entry entry, String messageId) {
        List<MailClient.Received> found = new ArrayList<>();
        for (MailClient.Received received : mail.mailbox(replyAddress(entry))) {
            if (EmailCorpus.SUPPORT.equalsIgnoreCase(received.from()) && messageId.equals(received.inReplyTo())) {
                found.add(received);
            }
        }
        return found;
    }

    private static String replyAddress(EmailCorpus.Entry entry) {
        try {
            jakarta.mail.Address[] replyTo = parse(entry.raw()).getReplyTo();
            return replyTo != null && replyTo.length > 0 ? ((InternetAddress) replyTo[0]).getAddress()
                    : entry.sender();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String innOf(String ticket) {
        return EmailCorpus.KNOWN_TICKETS.stream().filter(t -> t.number().equals(ticket)).findFirst()
                .map(EmailCorpus.KnownTicket::inn).orElse(null);
    }

    private static IntakeMessage.Kind kindOf(Expected.Kind kind) {
        return switch (kind) {
            case NEW_REQUEST -> IntakeMessage.Kind.NEW_REQUEST;
            case FOLLOW_UP -> IntakeMessage.Kind.FOLLOW_UP;
            case DELIVERY_FAILURE -> IntakeMessage.Kind.DELIVERY_FAILURE;
            default -> throw new IllegalArgumentException(kind.name());
        };
    }

    private static MimeMessage parse(byte[] raw) throws jakarta.mail.MessagingException {
        return new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
