package ru.getmark.support.notifier.service;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.notifier.config.DutyChatConfig;
import ru.getmark.support.notifier.domain.EmailNotice;
import ru.getmark.support.notifier.domain.FireAlarm;
import ru.getmark.support.notifier.domain.Medium;
import ru.getmark.support.notifier.domain.NewDelivery;
import ru.getmark.support.notifier.domain.NoticeKind;
import ru.getmark.support.notifier.domain.Recipients;
import ru.getmark.support.notifier.repository.NoticeDeliveryRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a ticket event into the deliveries R20 and R18 ask for and records them, once (R5): every customer notice
 * of the event by email (when the customer has an address) and in the customer's Telegram or WhatsApp chat (when
 * the snapshot names one), and the #Пожар post to the duty chat when the ticket became Критический. Everything is
 * rendered now, in the consumer, and stored with the original event; the {@link DeliveryWorker} sends it.
 */
@ApplicationScoped
public class NotificationService {

    private final NoticeRenderer renderer;
    private final NoticeDeliveryRepository deliveries;
    private final NoticeMetrics metrics;
    private final DutyChatConfig dutyChat;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;

    public NotificationService(NoticeRenderer renderer, NoticeDeliveryRepository deliveries, NoticeMetrics metrics,
                               DutyChatConfig dutyChat, Clock clock, TransactionSynchronizationRegistry transactions) {
        this.renderer = renderer;
        this.deliveries = deliveries;
        this.metrics = metrics;
        this.dutyChat = dutyChat;
        this.clock = clock;
        this.transactions = transactions;
    }

    void warnWithoutDutyChat(@Observes StartupEvent started) {
        if (dutyChatId().isEmpty()) {
            Log.warn("getmark.duty-chat.telegram-chat-id is not set: Критический tickets will post no #Пожар"
                    + " message to the duty chat (R18)");
        }
    }

    /**
     * Renders what the event asks to deliver, without touching the database (so a batch renders before its
     * transaction, and the per-event fallback after a rolled-back batch does not render, nor count a skipped notice,
     * twice).
     *
     * @param event     the event
     * @param eventJson the event as it came from Kafka, kept for the DLQ
     * @param now       when (the time chat notices carry)
     */
    public PreparedEvent prepare(TicketEvent event, String eventJson, Instant now) {
        List<NewDelivery> rows = plan(event, now).stream()
                .map(d -> new NewDelivery(event.eventId(), d.kind(), d.medium(), d.recipient(), event.key(),
                        d.noticeId(), d.payloadJson(), eventJson))
                .toList();
        return new PreparedEvent(event, rows);
    }

    /**
     * Records the deliveries of the events in ONE transaction (one durable commit for a whole batch of events), in
     * the order given: row ids follow the events' order, which is the order the workers send one ticket's notices
     * in. A delivery recorded before (same event, notice, medium and recipient) is left as it is, whatever its
     * status: a redelivered or replayed event sends nothing new. Duplicates are counted and logged only once the
     * transaction committed, so a batch that rolls back and is recorded again event by event counts each once.
     *
     * @return how many deliveries were recorded now
     */
    @Transactional
    public int recordAll(List<PreparedEvent> events) {
        List<NewDelivery> rows = new ArrayList<>();
        for (PreparedEvent event : events) {
            rows.addAll(event.deliveries());
        }
        if (rows.isEmpty()) {
            return 0;
        }
        boolean[] recorded = deliveries.recordAll(rows, clock.instant());
        int count = 0;
        List<NewDelivery> duplicates = new ArrayList<>();
        for (int i = 0; i < recorded.length; i++) {
            NewDelivery row = rows.get(i);
            if (recorded[i]) {
                count++;
                Log.debugf("Recorded %s %s of ticket %s for %s (event %s)", row.kind().code(),
                        row.medium().label(), row.ticketNumber(), Recipients.mask(row.medium(), row.recipient()),
                        row.eventId());
            } else {
                duplicates.add(row);
            }
        }
        if (!duplicates.isEmpty()) {
            transactions.registerInterposedSynchronization(new AfterCommit(() -> duplicates.forEach(row -> {
                metrics.skipped(row.kind(), "duplicate");
                Log.infof("Notice %s by %s of event %s (ticket %s) was recorded before; not sending it again",
                        row.kind().code(), row.medium().label(), row.eventId(), row.ticketNumber());
            })));
        }
        return count;
    }

    /** What the event asks to deliver, rendered. */
    List<Delivery> plan(TicketEvent event, Instant now) {
        List<Delivery> planned = new ArrayList<>();
        CustomerContact customer = event.ticket().customer();
        String email = text(customer == null ? null : customer.email());
        String telegram = customer == null || customer.telegramChatId() == null
                ? null : customer.telegramChatId().toString();
        String whatsapp = text(customer == null ? null : customer.whatsappId());
        List<NoticeKind> kinds = NoticeKind.forEvent(event.type(), event.data());
        if (kinds.isEmpty()) {
            Log.debugf("No customer notice for event %s of type %s (ticket %s)", event.eventId(), event.type(),
                    event.key());
        }
        for (NoticeKind kind : kinds) {
            if (email == null && telegram == null && whatsapp == null) {
                metrics.skipped(kind, "no_contact");
                Log.warnf("Ticket %s: the customer has neither an email nor a chat; notice %s of event %s not sent",
                        event.key(), kind.code(), event.eventId());
                continue;
            }
            if (email != null) {
                EmailNotice notice = renderer.email(kind, event, email);
                planned.add(new Delivery(kind, Medium.EMAIL, email, notice.messageId(), Json.toJson(notice)));
            }
            if (telegram != null) {
                planned.add(chat(renderer.chat(kind, event, Medium.TELEGRAM, telegram, now), kind, Medium.TELEGRAM));
            }
            if (whatsapp != null) {
                planned.add(chat(renderer.chat(kind, event, Medium.WHATSAPP, whatsapp, now), kind, Medium.WHATSAPP));
            }
        }
        if (FireAlarm.raisedBy(event)) {
            Optional<String> chatId = dutyChatId();
            if (chatId.isPresent()) {
                planned.add(chat(renderer.fireAlarm(event, chatId.get(), now), NoticeKind.FIRE_ALARM,
                        Medium.DUTY_CHAT));
            } else {
                metrics.skipped(NoticeKind.FIRE_ALARM, "no_duty_chat");
                Log.warnf("Ticket %s is Критический (event %s) but getmark.duty-chat.telegram-chat-id is not set:"
                        + " no #Пожар post to the duty chat", event.key(), event.eventId());
            }
        }
        return planned;
    }

    private Optional<String> dutyChatId() {
        return dutyChat.telegramChatId().map(String::strip).filter(id -> !id.isEmpty());
    }

    private static Delivery chat(ChannelNotice notice, NoticeKind kind, Medium medium) {
        return new Delivery(kind, medium, notice.address(), notice.noticeId(), Json.toJson(notice));
    }

    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** One rendered notice for one recipient on one medium. */
    record Delivery(NoticeKind kind, Medium medium, String recipient, String noticeId, String payloadJson) {
    }

    /**
     * An event with its deliveries rendered, ready for {@link #recordAll}.
     *
     * @param event      the event
     * @param deliveries its deliveries (none when the event asks for no notice)
     */
    public record PreparedEvent(TicketEvent event, List<NewDelivery> deliveries) {
    }

    /** Runs an action once the transaction committed (not when it rolled back). */
    private record AfterCommit(Runnable action) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                action.run();
            }
        }
    }
}
