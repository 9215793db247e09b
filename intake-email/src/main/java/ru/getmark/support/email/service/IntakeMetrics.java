package ru.getmark.support.email.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;

import java.util.Locale;

/**
 * What the mailbox brought and what became of it, for Prometheus ({@code /q/metrics}): {@code getmark_email_*}.
 * Tags have few values (kinds, reasons, causes), never addresses. Created at start, so that the counters are there
 * (at zero) before the first mail.
 */
@Startup
@ApplicationScoped
public class IntakeMetrics {

    private final MeterRegistry registry;
    private final Counter received;
    private final Counter reconnects;
    private final Counter flooded;

    IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.received = Counter.builder("getmark.email.received").description("Messages read from the mailbox")
                .register(registry);
        this.reconnects = Counter.builder("getmark.email.imap.reconnects")
                .description("Reconnections to the IMAP server after it or the network dropped").register(registry);
        this.flooded = Counter.builder("getmark.email.flood.held")
                .description("Messages held back because their sender wrote too many").register(registry);
    }

    public void received() {
        received.increment();
    }

    public void published(IntakeMessage.Kind kind) {
        registry.counter("getmark.email.published", "kind", kind.name().toLowerCase(Locale.ROOT)).increment();
    }

    public void rejected(RejectedIntake.Reason reason) {
        registry.counter("getmark.email.rejected", "reason", reason.name().toLowerCase(Locale.ROOT)).increment();
    }

    /** @param cause a short code: own_mail, automatic */
    public void ignored(String cause) {
        registry.counter("getmark.email.ignored", "reason", cause).increment();
    }

    public void flooded() {
        flooded.increment();
    }

    public void reconnected() {
        reconnects.increment();
    }

    /** @param outcome sent, retry, failed */
    public void autoReply(String outcome) {
        registry.counter("getmark.email.auto.replies", "outcome", outcome).increment();
    }

    /** @param reason e.g. unparsable, publish_failed */
    public void failure(String reason) {
        registry.counter("getmark.email.failures", "reason", reason).increment();
    }
}
