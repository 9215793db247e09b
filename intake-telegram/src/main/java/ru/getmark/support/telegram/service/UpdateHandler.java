package ru.getmark.support.telegram.service;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import ru.getmark.support.adapter.chat.ChatFloodGuard;
import ru.getmark.support.adapter.chat.ChatTicketRepository;
import ru.getmark.support.adapter.kafka.IntakePublisher;
import ru.getmark.support.adapter.kafka.KafkaUnavailableException;
import ru.getmark.support.common.dialog.BotMessage;
import ru.getmark.support.common.dialog.ChatDialogue;
import ru.getmark.support.common.dialog.ChatInput;
import ru.getmark.support.common.dialog.DialogueContext;
import ru.getmark.support.common.dialog.Submission;
import ru.getmark.support.common.dialog.Turn;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.json.Json;
import ru.getmark.support.telegram.config.TelegramConfig;
import ru.getmark.support.telegram.domain.Inbound;
import ru.getmark.support.telegram.domain.UpdateMapper;
import ru.getmark.support.telegram.repository.ChatStateRepository;
import ru.getmark.support.telegram.repository.HandledUpdateRepository;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One Telegram update, from long polling or the webhook, end to end: recognise a redelivery (update_id), load the
 * chat's dialogue state, read the update into a {@link ChatInput} (fetching a file by claim check), run the shared
 * dialogue engine, publish its submissions to getmark.intake.v1 and wait for Kafka's acknowledgement, save the new
 * state with its replies (optimistic lock; a conflicting replica makes us run the turn again on the newer state), then
 * send the replies and answer the button. The caller acknowledges the update to Telegram only when this returns, so a
 * crash at any point makes Telegram deliver it again, and the handled_update row makes that redelivery harmless.
 */
@ApplicationScoped
public class UpdateHandler {

    private static final TypeReference<List<BotMessage>> REPLIES = new TypeReference<>() {
    };
    private static final int MAX_CONFLICTS = 5;

    private final ChatDialogue dialogue;
    private final ChatStateRepository states;
    private final HandledUpdateRepository handled;
    private final ChatTicketRepository tickets;
    private final IntakePublisher publisher;
    private final AttachmentStore files;
    private final ChatFloodGuard flood;
    private final BotApi bot;
    private final TelegramConfig config;
    private final Clock clock;

    UpdateHandler(ChatDialogue dialogue, ChatStateRepository states, HandledUpdateRepository handled,
                  ChatTicketRepository tickets, IntakePublisher publisher, AttachmentStore files,
                  ChatFloodGuard flood, BotApi bot, TelegramConfig config, Clock clock) {
        this.dialogue = dialogue;
        this.states = states;
        this.handled = handled;
        this.tickets = tickets;
        this.publisher = publisher;
        this.files = files;
        this.flood = flood;
        this.bot = bot;
        this.config = config;
        this.clock = clock;
    }

    /** Handles one update; returns when it may be acknowledged to Telegram. */
    public void handle(Update update) throws RetryLaterException {
        Inbound in = UpdateMapper.map(update);
        if (in.ignored()) {
            Log.debugf("Update %d: nothing for the dialogue, acknowledged", in.updateId());
            return;
        }
        long chatId = in.chatId();
        Optional<HandledUpdateRepository.Handled> done =
                QuarkusTransaction.requiringNew().call(() -> handled.find(in.updateId()));
        if (done.isPresent()) {
            Log.infof("Update %d delivered again: not handled twice", in.updateId());
            if (!done.get().replied()) {
                deliver(in, chatId, read(done.get().replies()));
            } else if (in.callbackQueryId() != null) {
                bot.answerCallback(in.callbackQueryId());
            }
            return;
        }
        Instant now = clock.instant();
        List<BotMessage> replies;
        // the flood count commits on its own, whatever becomes of the update
        Optional<List<BotMessage>> throttled = QuarkusTransaction.requiringNew().call(() -> flood.check(
                TelegramChatKeys.of(chatId), now, config.flood().maxInputs(), config.flood().window()));
        if (throttled.isPresent()) {
            replies = throttled.get();
            QuarkusTransaction.requiringNew().run(() -> handled.record(in.updateId(), chatId, write(replies), now));
        } else {
            ChatInput input = input(in);
            replies = runTurn(in, chatId, input, now);
        }
        deliver(in, chatId, replies);
    }

    private List<BotMessage> runTurn(Inbound in, long chatId, ChatInput input, Instant now)
            throws RetryLaterException {
        for (int attempt = 1; attempt <= MAX_CONFLICTS; attempt++) {
            ChatStateRepository.Versioned current = QuarkusTransaction.requiringNew().call(() -> states.load(chatId));
            List<DialogueContext.OpenTicket> open =
                    QuarkusTransaction.requiringNew().call(() -> tickets.openTickets(TelegramChatKeys.of(chatId)));
            Turn turn = dialogue.handle(current.state(), input, new DialogueContext(now, open));
            publish(in, chatId, turn.submissions(), now);
            String replies = write(turn.messages());
            Boolean saved = QuarkusTransaction.requiringNew().call(() -> {
                if (!handled.record(in.updateId(), chatId, replies, now)) {
                    return null; // another replica handled this very update meanwhile
                }
                if (!states.save(chatId, turn.state(), current.version(), now)) {
                    QuarkusTransaction.setRollbackOnly();
                    return false;
                }
                return true;
            });
            if (saved == null) {
                return List.of();
            }
            if (saved) {
                Log.debugf("Update %d: chat state now %s", in.updateId(), turn.state().step());
                return turn.messages();
            }
            Log.infof("Update %d: the chat's state changed meanwhile (another replica); running the turn again",
                    in.updateId());
        }
        throw new RetryLaterException("chat state kept changing under update " + in.updateId(), null);
    }

    private ChatInput input(Inbound in) throws RetryLaterException {
        if (in.file() == null) {
            return in.input();
        }
        Optional<AttachmentRef> stored = files.fetch(in.updateId(), in.file());
        if (stored.isEmpty()) {
            reject(in, RejectedIntake.Reason.TOO_LARGE, "Файл больше " + (config.maxFileSize() / (1024 * 1024))
                    + " МБ: Telegram не даёт ботам скачивать такие файлы.", in.file().fileName());
            return new ChatInput.Unsupported(ChatInput.Unsupported.FILE_TOO_LARGE);
        }
        return new ChatInput.File(stored.get(), in.file().caption());
    }

    private void publish(Inbound in, long chatId, List<Submission> submissions, Instant now)
            throws RetryLaterException {
        CustomerContact contact = new CustomerContact(in.senderName(), null, null, chatId, null);
        ReplyAddress replyTo = new ReplyAddress(Channel.TELEGRAM, Long.toString(chatId));
        for (int i = 0; i < submissions.size(); i++) {
            IntakeMessage message = submissions.get(i).toIntakeMessage(messageId(in.updateId(), i), Channel.TELEGRAM,
                    now, contact, replyTo);
            try {
                publisher.publish(message);
                Log.infof("Update %d: %s %s published", in.updateId(), message.kind(), message.messageId());
            } catch (KafkaUnavailableException e) {
                throw new RetryLaterException(e.getMessage(), e);
            }
        }
    }

    private void reject(Inbound in, RejectedIntake.Reason reason, String detail, String payload)
            throws RetryLaterException {
        try {
            publisher.publishRejected(new RejectedIntake(RejectedIntake.SCHEMA, messageId(in.updateId(), 0),
                    Channel.TELEGRAM, "telegram:" + in.chatId(), clock.instant(), reason, detail, payload));
        } catch (KafkaUnavailableException e) {
            throw new RetryLaterException(e.getMessage(), e);
        }
    }

    /** Stable per update (R5): {@code telegram:<botId>:<update_id>}, with {@code -<n>} for a second submission. */
    String messageId(long updateId, int index) {
        String id = "telegram:" + config.botId() + ":" + updateId;
        return index == 0 ? id : id + "-" + index;
    }

    private void deliver(Inbound in, long chatId, List<BotMessage> replies) throws RetryLaterException {
        try {
            for (BotMessage reply : replies) {
                bot.send(chatId, reply);
            }
        } catch (TelegramApiException e) {
            // The state is saved and the submissions are on Kafka; the replies wait in handled_update.
            throw new RetryLaterException("sending the replies of update " + in.updateId() + " failed: "
                    + e.getMessage(), e);
        }
        QuarkusTransaction.requiringNew().run(() -> handled.markReplied(in.updateId(), clock.instant()));
        if (in.callbackQueryId() != null) {
            bot.answerCallback(in.callbackQueryId());
        }
    }

    private static String write(List<BotMessage> replies) {
        return Json.MAPPER.valueToTree(replies).toString();
    }

    private static List<BotMessage> read(String json) {
        try {
            return Json.MAPPER.readValue(json, REPLIES);
        } catch (IOException e) {
            Log.warnf("Unreadable stored replies: %s", e.getMessage());
            return List.of();
        }
    }
}
