package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.dialog.NoticeButtons;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;
import ru.getmark.support.whatsapp.domain.Masking;
import ru.getmark.support.whatsapp.domain.WhatsAppRenderer;
import ru.getmark.support.whatsapp.repository.NoticeRepository;
import ru.getmark.support.whatsapp.repository.OutboxRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What becomes of a chat notice after it was queued: Twilio refused it as outside the 24-hour window (63016: the
 * approved notice template is sent instead, or, without one, the notice is left to email), or it failed for good
 * (recorded, counted, and reported to ticket-service by {@link FailureReporter}). Each happens once per notice,
 * whatever callbacks repeat. Runs in the caller's transaction.
 */
@ApplicationScoped
public class NoticeOutcomes {

    private final NoticeRepository notices;
    private final OutboxRepository outboxRows;
    private final Outbox outbox;
    private final WhatsAppRenderer renderer;
    private final WhatsAppMetrics metrics;
    private final WhatsAppConfig config;
    private final Wakeups wakeups;

    NoticeOutcomes(NoticeRepository notices, OutboxRepository outboxRows, Outbox outbox, WhatsAppRenderer renderer,
                   WhatsAppMetrics metrics, WhatsAppConfig config, Wakeups wakeups) {
        this.notices = notices;
        this.outboxRows = outboxRows;
        this.outbox = outbox;
        this.renderer = renderer;
        this.metrics = metrics;
        this.config = config;
        this.wakeups = wakeups;
    }

    /** The notice will not reach WhatsApp: record it and have ticket-service told. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void failed(String noticeId, String detail, Instant now) {
        if (!notices.markFailed(noticeId, detail, now)) {
            return;
        }
        outboxRows.cancelPending(noticeId);
        metrics.notice(NoticeRepository.FAILED);
        wakeups.reportsAfterCommit();
        Log.warnf("Chat notice %s could not be delivered to WhatsApp (%s)", noticeId, detail);
    }

    /** Twilio refused the free-form notice: the customer's 24-hour window had closed meanwhile (63016). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void windowClosed(String noticeId, Instant now) {
        Optional<NoticeRepository.Notice> found = notices.find(noticeId);
        if (found.isEmpty()) {
            return;
        }
        NoticeRepository.Notice notice = found.get();
        Optional<String> template = config.templates().notice().filter(t -> !t.isBlank());
        if (template.isPresent()) {
            if (notices.switchOutcome(noticeId, NoticeRepository.TEXT, NoticeRepository.TEMPLATE, now)) {
                outboxRows.cancelPending(noticeId);
                WhatsAppRenderer.Rendered rendered = renderer.outsideWindow(template.get(), notice.text(),
                        choices(notice.actions(), notice.ticketNumber()), links(notice.actions()),
                        notice.ticketNumber());
                outbox.queue(notice.waId(), OutboxRepository.NOTICE, noticeId, notice.ticketNumber(),
                        rendered.parts(), now);
                metrics.notice(NoticeRepository.TEMPLATE);
                Log.infof("Chat notice %s to %s: the 24-hour window had closed, sent again as the approved template",
                        noticeId, Masking.waId(notice.waId()));
            }
        } else if (notices.switchOutcome(noticeId, NoticeRepository.TEXT, NoticeRepository.LEFT_TO_EMAIL, now)) {
            outboxRows.cancelPending(noticeId);
            metrics.notice(NoticeRepository.LEFT_TO_EMAIL);
            Log.infof("Chat notice %s to %s: the 24-hour window had closed and no notice template is configured: "
                    + "left to email", noticeId, Masking.waId(notice.waId()));
        }
    }

    /** The notice's confirm / reject / answer actions as choices (NoticeButtons data). */
    static List<ChatButton> choices(List<ChannelAction> actions, String ticketNumber) {
        List<ChatButton> buttons = new ArrayList<>();
        for (ChannelAction action : actions) {
            NoticeButtons.button(action, ticketNumber).ifPresent(buttons::add);
        }
        return buttons;
    }

    /** The notice's open_url actions as links. */
    static List<WhatsAppRenderer.Link> links(List<ChannelAction> actions) {
        List<WhatsAppRenderer.Link> links = new ArrayList<>();
        for (ChannelAction action : actions) {
            if (ChannelAction.OPEN_URL.equals(action.code()) && action.url() != null && !action.url().isBlank()) {
                links.add(new WhatsAppRenderer.Link(action.label(), action.url()));
            }
        }
        return links;
    }
}
