package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;
import ru.getmark.support.whatsapp.domain.Masking;
import ru.getmark.support.whatsapp.domain.WhatsAppRenderer;
import ru.getmark.support.whatsapp.repository.ConversationRepository;
import ru.getmark.support.whatsapp.repository.NoticeRepository;
import ru.getmark.support.whatsapp.repository.OutboxRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Queues a notifier's chat notice (R20: registration with its number and deadline, information requests, solutions,
 * refusals ...) for the customer's WhatsApp, once per noticeId. WhatsApp allows free-form messages only within 24 hours
 * of the customer's last message: inside that window the notice goes as text, its actions as numbered choices (or a
 * quick-reply template); outside it, only as the approved notice template when one is configured, otherwise it is
 * left to email (the notifier emails every customer who gave an address) and that fact is recorded, counted and
 * logged. Queuing and the noticeId record are one transaction, so a notice consumed again is never sent twice.
 */
@ApplicationScoped
public class NoticeDelivery {

    private final NoticeRepository notices;
    private final ConversationRepository conversations;
    private final Outbox outbox;
    private final WhatsAppRenderer renderer;
    private final WhatsAppMetrics metrics;
    private final WhatsAppConfig config;
    private final Clock clock;

    NoticeDelivery(NoticeRepository notices, ConversationRepository conversations, Outbox outbox,
                   WhatsAppRenderer renderer, WhatsAppMetrics metrics, WhatsAppConfig config, Clock clock) {
        this.notices = notices;
        this.conversations = conversations;
        this.outbox = outbox;
        this.renderer = renderer;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public void deliver(ChannelNotice notice) {
        if (notice.channel() != Channel.WHATSAPP) {
            return; // intake-telegram's
        }
        String waId = waId(notice.address());
        if (waId == null) {
            Log.warnf("Notice %s: the address is not a WhatsApp number; skipped", notice.noticeId());
            metrics.notice("bad_address");
            return;
        }
        Instant now = clock.instant();
        if (notice.audience() == ChannelNotice.Audience.DUTY_CHAT) {
            // the duty chat is a Telegram group; a WhatsApp one is not a thing this product has
            if (notices.insert(notice, waId, NoticeRepository.SKIPPED, now)) {
                Log.warnf("Notice %s: a duty-chat notice addressed to WhatsApp; skipped", notice.noticeId());
            }
            return;
        }
        Optional<ConversationRepository.Conversation> conversation = conversations.find(waId);
        boolean windowOpen = conversation.map(ConversationRepository.Conversation::lastInboundAt)
                .map(last -> now.isBefore(last.plus(config.window().length()).minus(config.window().margin())))
                .orElse(false);
        List<ChatButton> choices = NoticeOutcomes.choices(notice.actions(), notice.ticketNumber());
        List<WhatsAppRenderer.Link> links = NoticeOutcomes.links(notice.actions());
        Optional<String> template = config.templates().notice().filter(t -> !t.isBlank());

        WhatsAppRenderer.Rendered rendered;
        String outcome;
        if (windowOpen) {
            rendered = renderer.render(notice.text(), choices, links);
            outcome = NoticeRepository.TEXT;
        } else if (template.isPresent()) {
            rendered = renderer.outsideWindow(template.get(), notice.text(), choices, links, notice.ticketNumber());
            outcome = NoticeRepository.TEMPLATE;
        } else {
            rendered = null;
            outcome = NoticeRepository.LEFT_TO_EMAIL;
        }
        if (!notices.insert(notice, waId, outcome, now)) {
            Log.infof("Notice %s delivered already: not sent twice", notice.noticeId());
            metrics.notice("duplicate");
            return;
        }
        metrics.notice(outcome);
        if (rendered == null) {
            Log.infof("Notice %s (%s, ticket %s) to %s: outside the 24-hour window and no notice template "
                            + "configured (getmark.whatsapp.templates.notice): left to email", notice.noticeId(),
                    notice.notice(), notice.ticketNumber(), Masking.waId(waId));
            return;
        }
        outbox.queue(waId, OutboxRepository.NOTICE, notice.noticeId(), notice.ticketNumber(), rendered.parts(), now);
        if (!rendered.choices().isEmpty()) {
            conversations.showChoices(waId, rendered.choices(), now);
        }
        Log.infof("Notice %s (%s, ticket %s) queued for %s as %s", notice.noticeId(), notice.notice(),
                notice.ticketNumber(), Masking.waId(waId), outcome);
    }

    /** "79161234567", "+79161234567", "whatsapp:+79161234567" → "79161234567"; null when not a number. */
    static String waId(String address) {
        if (address == null) {
            return null;
        }
        String digits = address.strip().replaceFirst("(?i)^whatsapp:", "").replaceFirst("^\\+", "");
        return digits.matches("[0-9]{6,20}") ? digits : null;
    }
}
