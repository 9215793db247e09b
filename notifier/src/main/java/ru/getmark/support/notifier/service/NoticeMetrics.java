package ru.getmark.support.notifier.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.notifier.domain.NoticeKind;

/**
 * Counters on {@code /q/metrics}: {@code getmark_notices_sent_total{notice,channel}},
 * {@code getmark_notices_failed_total{notice,channel}} and {@code getmark_notices_skipped_total{notice,reason}}
 * (reason: {@code duplicate}, {@code no_email}). The sent and failed counters of every notice exist from startup at
 * zero, so that an alert on failures has a series to watch before the first failure.
 */
@Startup
@ApplicationScoped
public class NoticeMetrics {

    private final MeterRegistry registry;

    public NoticeMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (NoticeKind kind : NoticeKind.values()) {
            sentCounter(kind);
            failedCounter(kind);
        }
    }

    public void sent(NoticeKind kind) {
        sentCounter(kind).increment();
    }

    public void failed(NoticeKind kind) {
        failedCounter(kind).increment();
    }

    private Counter sentCounter(NoticeKind kind) {
        return counter("getmark.notices.sent", "Notices handed to the mail server",
                "notice", kind.code(), "channel", "email");
    }

    private Counter failedCounter(NoticeKind kind) {
        return counter("getmark.notices.failed", "Notices the mail server did not take (the event was nacked)",
                "notice", kind.code(), "channel", "email");
    }

    public void skipped(NoticeKind kind, String reason) {
        counter("getmark.notices.skipped", "Notices not sent on purpose", "notice", kind.code(), "reason", reason)
                .increment();
    }

    private Counter counter(String name, String description, String... tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
