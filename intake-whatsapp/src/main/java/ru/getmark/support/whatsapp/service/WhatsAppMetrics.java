package ru.getmark.support.whatsapp.service;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.whatsapp.repository.InboxRepository;
import ru.getmark.support.whatsapp.repository.OutboxRepository;

import java.util.function.LongSupplier;

/**
 * What ops watch on /q/metrics (Prometheus names):
 * <ul>
 *   <li>{@code getmark_whatsapp_webhooks_total{endpoint, outcome}} — webhooks stored, duplicates, forged (403);</li>
 *   <li>{@code getmark_whatsapp_inbound_total{outcome}} — inbox messages handled, throttled, ignored, failed,
 *       retried;</li>
 *   <li>{@code getmark_whatsapp_published_total{kind}} — what reached getmark.intake.v1 / intake-rejected.v1;</li>
 *   <li>{@code getmark_whatsapp_outbound_total{result}} — REST sends accepted, retried, failed;</li>
 *   <li>{@code getmark_whatsapp_delivery_failed_total{error_code}} — messages Twilio reported failed/undelivered;</li>
 *   <li>{@code getmark_whatsapp_delivery_retries_total{error_code}} — sent again after a transient failure;</li>
 *   <li>{@code getmark_whatsapp_notices_total{outcome}} — chat notices as text, template, left to email, failed;</li>
 *   <li>{@code getmark_whatsapp_inbox_pending}, {@code getmark_whatsapp_outbox_pending} — the backlogs (Kafka or
 *       Twilio down: they grow, nothing is lost).</li>
 * </ul>
 */
@ApplicationScoped
@Startup
public class WhatsAppMetrics {

    private final MeterRegistry registry;

    WhatsAppMetrics(MeterRegistry registry, InboxRepository inbox, OutboxRepository outbox) {
        this.registry = registry;
        Gauge.builder("getmark.whatsapp.inbox.pending", () -> count(inbox::pending))
                .description("WhatsApp messages stored, not yet handled").register(registry);
        Gauge.builder("getmark.whatsapp.outbox.pending", () -> count(outbox::pending))
                .description("Messages to customers not yet taken by Twilio").register(registry);
    }

    private static double count(LongSupplier query) {
        try {
            return QuarkusTransaction.requiringNew().call(query::getAsLong);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    public void webhook(String endpoint, String outcome) {
        registry.counter("getmark.whatsapp.webhooks", "endpoint", endpoint, "outcome", outcome).increment();
    }

    public void inbound(String outcome) {
        registry.counter("getmark.whatsapp.inbound", "outcome", outcome).increment();
    }

    public void published(String kind) {
        registry.counter("getmark.whatsapp.published", "kind", kind).increment();
    }

    public void outbound(String result) {
        registry.counter("getmark.whatsapp.outbound", "result", result).increment();
    }

    public void deliveryFailed(Integer errorCode) {
        registry.counter("getmark.whatsapp.delivery.failed", "error_code", code(errorCode)).increment();
    }

    public void deliveryRetried(Integer errorCode) {
        registry.counter("getmark.whatsapp.delivery.retries", "error_code", code(errorCode)).increment();
    }

    public void notice(String outcome) {
        registry.counter("getmark.whatsapp.notices", "outcome", outcome).increment();
    }

    private static String code(Integer errorCode) {
        return errorCode == null ? "none" : errorCode.toString();
    }
}
