package ru.getmark.support.telegram.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.dialog.NoticeButtons;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.telegram.repository.NoticeRepository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Delivers a notifier's chat notice (R20: registration with its number and deadline, information requests, solutions,
 * the #Пожар posts to the duty chat) to its Telegram chat, once per noticeId. Its actions become inline buttons: confirm
 * / reject / answer carry the engine's callback data ({@link NoticeButtons}), so a press comes back as an update the
 * dialogue turns into a CONFIRMATION or FOLLOW_UP; open_url is a URL button. 429 and 5xx are retried by {@link BotApi}.
 */
@ApplicationScoped
public class NoticeDelivery {

    private final BotApi bot;
    private final NoticeRepository notices;
    private final Clock clock;

    NoticeDelivery(BotApi bot, NoticeRepository notices, Clock clock) {
        this.bot = bot;
        this.notices = notices;
        this.clock = clock;
    }

    public void deliver(ChannelNotice notice) throws TelegramApiException {
        if (notice.channel() != Channel.TELEGRAM) {
            return; // intake-whatsapp's
        }
        long chatId;
        try {
            chatId = Long.parseLong(notice.address().strip());
        } catch (NumberFormatException e) {
            Log.warnf("Notice %s: chat address is not a Telegram chat id; skipped", notice.noticeId());
            return;
        }
        if (QuarkusTransaction.requiringNew().call(() -> notices.delivered(notice.noticeId()))) {
            Log.infof("Notice %s delivered already: not sent twice", notice.noticeId());
            return;
        }
        bot.send(chatId, notice.text(), keyboard(notice));
        QuarkusTransaction.requiringNew().run(() -> notices.markDelivered(notice.noticeId(), chatId, clock.instant()));
        Log.infof("Notice %s (%s, ticket %s) delivered to the %s", notice.noticeId(), notice.notice(),
                notice.ticketNumber(), notice.audience() == ChannelNotice.Audience.DUTY_CHAT ? "duty chat" : "customer");
    }

    /** One button per row: labels are sentences, and a thumb must hit them. */
    static List<List<BotApi.Button>> keyboard(ChannelNotice notice) {
        List<List<BotApi.Button>> rows = new ArrayList<>();
        for (ChannelAction action : notice.actions()) {
            if (ChannelAction.OPEN_URL.equals(action.code())) {
                if (action.url() != null && !action.url().isBlank()) {
                    rows.add(List.of(new BotApi.Button(action.label(), null, action.url())));
                }
                continue;
            }
            Optional<ChatButton> button = NoticeButtons.button(action, notice.ticketNumber());
            button.ifPresent(b -> rows.add(List.of(new BotApi.Button(b.label(), b.data(), null))));
        }
        return rows;
    }
}
