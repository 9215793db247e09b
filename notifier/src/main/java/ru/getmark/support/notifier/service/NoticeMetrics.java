package ru.getmark.support.notifier.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.notifier.domain.Medium;
import ru.getmark.support.notifier.domain.NoticeKind;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What operations watch on {@code /q/metrics}, labelled by {@code notice} and {@code channel} (the medium:
 * {@code email}, {@code telegram}, {@code whatsapp}, {@code duty_chat}):
 * <ul>
 *   <li>{@code getmark_notices_sent_total} — handed over (SMTP accepted, Kafka acknowledged);</li>
 *   <li>{@code getmark_notices_failed_total} — failed attempts, each one;</li>
 *   <li>{@code getmark_notices_retries_total} — failed attempts that will be tried again after a backoff;</li>
 *   <li>{@code getmark_notices_parked_total} — given up and put on the DLQ (alert on any increase);</li>
 *   <li>{@code getmark_notices_skipped_total{notice,reason}} — not sent on purpose: {@code duplicate} (recorded
 *       before: a redelivered or replayed event), {@code no_contact} (the customer has neither email nor chat),
 *       {@code no_duty_chat} (a #Пожар post without a configured duty chat);</li>
 *   <li>{@code getmark_notices_pending} — deliveries waiting (due, backing off, or being sent), refreshed by the
 *       delivery workers.</li>
 * </ul>
 * The sent, failed and parked counters of every customer notice by email exist from startup at zero, so that an
 * alert has a series to watch before the first failure.
 */
@Startup
@ApplicationScoped
public class NoticeMetrics {

    private final MeterRegistry registry;
    private final AtomicLong pending = new AtomicLong();

    public NoticeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (NoticeKind kind : NoticeKind.values()) {
            Medium medium = kind == NoticeKind.FIRE_ALARM ? Medium.DUTY_CHAT : Medium.EMAIL;
            sentCounter(kind, medium);
            failedCounter(kind, medium);
            parkedCounter(kind, medium);
        }
        Gauge.builder("getmark.notices.pending", pending, AtomicLong::get)
                .description("Notice deliveries waiting: due, backing off, or being sent")
                .register(registry);
    }

    public void sent(NoticeKind kind, Medium medium) {
        sentCounter(kind, medium).increment();
    }

    public void failed(NoticeKind kind, Medium medium) {
        failedCounter(kind, medium).increment();
    }

    public void retried(NoticeKind kind, Medium medium) {
        counter("getmark.notices.retries", "Failed attempts that will be retried after a backoff", kind, medium)
                .increment();
    }

    public void parked(NoticeKind kind, Medium medium) {
        parkedCounter(kind, medium).increment();
    }

    public void skipped(NoticeKind kind, String reason) {
        Counter.builder("getmark.notices.skipped").description("Notices not sent on purpose")
                .tags("notice", kind.code(), "reason", reason).register(registry).increment();
    }

    public void pending(long count) {
        pending.set(count);
    }

    private Counter sentCounter(NoticeKind kind, Medium medium) {
        return counter("getmark.notices.sent", "Notices handed over (SMTP accepted, Kafka acknowledged)", kind,
                medium);
    }

    private Counter failedCounter(NoticeKind kind, Medium medium) {
        return counter("getmark.notices.failed", "Failed delivery attempts", kind, medium);
    }

    private Counter parkedCounter(NoticeKind kind, Medium medium) {
        return counter("getmark.notices.parked", "Notices given up on and parked on the DLQ", kind, medium);
    }

    private Counter counter(String name, String description, NoticeKind kind, Medium medium) {
        return Counter.builder(name).description(description)
                .tags("notice", kind.code(), "channel", medium.label()).register(registry);
    }
}
