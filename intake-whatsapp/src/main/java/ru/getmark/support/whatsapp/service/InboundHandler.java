package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.adapter.attachment.ClaimCheck;
import ru.getmark.support.adapter.chat.ChatFloodGuard;
import ru.getmark.support.adapter.chat.ChatTicketRepository;
import ru.getmark.support.adapter.kafka.IntakePublisher;
import ru.getmark.support.adapter.kafka.KafkaUnavailableException;
import ru.getmark.support.common.dialog.BotMessage;
import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.dialog.ChatDialogue;
import ru.getmark.support.common.dialog.ChatInput;
import ru.getmark.support.common.dialog.DialogueContext;
import ru.getmark.support.common.dialog.DialogueState;
import ru.getmark.support.common.dialog.Submission;
import ru.getmark.support.common.dialog.Turn;
import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;
import ru.getmark.support.whatsapp.domain.InboundContent;
import ru.getmark.support.whatsapp.domain.Masking;
import ru.getmark.support.whatsapp.domain.WhatsAppInbound;
import ru.getmark.support.whatsapp.domain.WhatsAppRenderer;
import ru.getmark.support.whatsapp.repository.ConversationRepository;
import ru.getmark.support.whatsapp.repository.InboxRepository;
import ru.getmark.support.whatsapp.repository.OutboxRepository;
import ru.getmark.support.whatsapp.twilio.MediaFetcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One inbox message end to end, in the worker's transaction (which holds the message's row lock; the inbox hands out
 * a number's next message only when the one before is done, so one customer's turns never overlap): flood guard,
 * read the message into {@link ChatInput}s (media fetched from Twilio and kept by claim check), run the shared
 * dialogue engine, publish its submissions to getmark.intake.v1 and wait for
 * Kafka's acknowledgement, then save the new state, queue the replies in the outbox and mark the message handled.
 * Everything is committed together or not at all: Kafka down, a media download failing, a crash — the message stays
 * pending and is handled again from the start (the same messageIds, so ticket-service still registers it once, R5).
 */
@ApplicationScoped
public class InboundHandler {

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("image/jpeg", "jpg"), Map.entry("image/png", "png"), Map.entry("image/gif", "gif"),
            Map.entry("image/webp", "webp"), Map.entry("image/heic", "heic"), Map.entry("application/pdf", "pdf"),
            Map.entry("video/mp4", "mp4"), Map.entry("video/3gpp", "3gp"), Map.entry("text/plain", "txt"),
            Map.entry("text/csv", "csv"), Map.entry("application/zip", "zip"), Map.entry("application/xml", "xml"),
            Map.entry("text/xml", "xml"), Map.entry("application/json", "json"),
            Map.entry("application/msword", "doc"), Map.entry("application/vnd.ms-excel", "xls"),
            Map.entry("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
            Map.entry("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"));

    private final ChatDialogue dialogue;
    private final ConversationRepository conversations;
    private final InboxRepository inbox;
    private final ChatTicketRepository tickets;
    private final IntakePublisher publisher;
    private final ClaimCheck claimCheck;
    private final MediaFetcher media;
    private final ChatFloodGuard flood;
    private final Outbox outbox;
    private final WhatsAppRenderer renderer;
    private final WhatsAppMetrics metrics;
    private final WhatsAppConfig config;
    private final Clock clock;

    InboundHandler(ChatDialogue dialogue, ConversationRepository conversations, InboxRepository inbox,
                   ChatTicketRepository tickets, IntakePublisher publisher, ClaimCheck claimCheck,
                   MediaFetcher media, ChatFloodGuard flood, Outbox outbox, WhatsAppRenderer renderer,
                   WhatsAppMetrics metrics, WhatsAppConfig config, Clock clock) {
        this.dialogue = dialogue;
        this.conversations = conversations;
        this.inbox = inbox;
        this.tickets = tickets;
        this.publisher = publisher;
        this.claimCheck = claimCheck;
        this.media = media;
        this.flood = flood;
        this.outbox = outbox;
        this.renderer = renderer;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Handles one stored message. Runs in the caller's transaction.
     *
     * @throws RetryLaterException when Kafka or Twilio's media is unavailable (the transaction must roll back)
     * @return the inbox status the message ends in
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public String handle(InboxRepository.Row row) {
        Instant now = clock.instant();
        Optional<WhatsAppInbound> parsed = WhatsAppInbound.parse(row.form());
        if (parsed.isEmpty()) {
            // the webhook stores only parseable messages; a row from an older version could still lack fields
            inbox.finish(row.messageSid(), InboxRepository.IGNORED, "no MessageSid or sender in the form", now);
            return InboxRepository.IGNORED;
        }
        WhatsAppInbound in = parsed.get();
        String waId = in.waId();
        // No lock on the conversation: the inbox already runs one number's messages one at a time, and a lock held
        // while Kafka is awaited would hold up the webhook, which renews the customer's window in this row.
        ConversationRepository.Conversation conversation = conversations.find(waId).orElseGet(() -> {
            conversations.inbound(waId, in.profileName(), row.receivedAt());
            return conversations.find(waId).orElseThrow();
        });

        Optional<List<BotMessage>> throttled = flood.check(waId, now, config.flood().maxInputs(),
                config.flood().window());
        if (throttled.isPresent()) {
            reject(in, 0, RejectedIntake.Reason.FLOOD, "Слишком много сообщений подряд: сообщение не обработано "
                    + "диалогом.", in.body(), row.receivedAt());
            for (BotMessage reply : throttled.get()) {
                outbox.queue(waId, OutboxRepository.REPLY, in.messageSid(), null,
                        renderer.render(reply.text(), List.of(), List.of()).parts(), now);
            }
            inbox.finish(in.messageSid(), InboxRepository.THROTTLED, null, now);
            return InboxRepository.THROTTLED;
        }

        DialogueState state = conversation.state();
        InboundContent content = InboundContent.of(in, conversation.choices(), state.answering() != null);
        if (content instanceof InboundContent.Ignored ignored) {
            Log.infof("WhatsApp %s from %s: %s, nothing to answer", in.messageSid(), Masking.waId(waId),
                    ignored.why());
            inbox.finish(in.messageSid(), InboxRepository.IGNORED, ignored.why(), now);
            return InboxRepository.IGNORED;
        }
        List<ChatInput> inputs = inputs(in, content, row.receivedAt());

        DialogueContext context = new DialogueContext(now, tickets.openTickets(waId));
        List<BotMessage> messages = new ArrayList<>();
        List<Submission> submissions = new ArrayList<>();
        for (ChatInput input : inputs) {
            Turn turn = dialogue.handle(state, input, context);
            state = turn.state();
            messages.addAll(turn.messages());
            submissions.addAll(turn.submissions());
        }

        String name = in.profileName() != null ? in.profileName() : conversation.profileName();
        publish(in, name, submissions, row.receivedAt());

        // the choices of the turn's last message with buttons are what a "1" or "2" answers next
        List<ChatButton> shown = List.of();
        for (BotMessage message : messages) {
            WhatsAppRenderer.Rendered rendered = renderer.render(message.text(), message.buttons(), List.of());
            outbox.queue(waId, OutboxRepository.REPLY, in.messageSid(), null, rendered.parts(), now);
            if (!rendered.choices().isEmpty()) {
                shown = rendered.choices();
            }
        }
        conversations.saveTurn(waId, state, shown, now);
        inbox.finish(in.messageSid(), InboxRepository.HANDLED, null, now);
        Log.infof("WhatsApp %s from %s: %d input(s), %d repl(ies), %d published, step %s", in.messageSid(),
                Masking.waId(waId), inputs.size(), messages.size(), submissions.size(), state.step());
        return InboxRepository.HANDLED;
    }

    /** The message as dialogue inputs: one, or one per media file (the caption with the first). */
    private List<ChatInput> inputs(WhatsAppInbound in, InboundContent content, Instant receivedAt) {
        if (content instanceof InboundContent.Ready ready) {
            return List.of(ready.input());
        }
        InboundContent.Files files = (InboundContent.Files) content;
        List<ChatInput> inputs = new ArrayList<>();
        for (int i = 0; i < files.media().size(); i++) {
            WhatsAppInbound.Media item = files.media().get(i);
            String caption = i == 0 ? files.caption() : null;
            inputs.add(file(in, i, item, caption, receivedAt));
        }
        return inputs;
    }

    private ChatInput file(WhatsAppInbound in, int index, WhatsAppInbound.Media item, String caption,
                           Instant receivedAt) {
        MediaFetcher.Fetched fetched;
        try {
            fetched = media.fetch(item.url());
        } catch (IOException e) {
            throw new RetryLaterException("media " + index + " of " + in.messageSid() + " not downloaded: "
                    + e.getMessage(), e);
        } catch (MediaFetcher.TooLarge e) {
            String name = fileName(in, index, item.contentType(), null);
            Log.infof("WhatsApp %s: media %d over the %d-byte limit, refused", in.messageSid(), index,
                    config.maxMediaSize());
            reject(in, index, RejectedIntake.Reason.TOO_LARGE, "Файл больше " + config.maxMediaSize() / (1024 * 1024)
                    + " МБ: такие файлы не принимаются, пришлите его по почте help@getmark.ru или частями.", name,
                    receivedAt);
            return new ChatInput.Unsupported(ChatInput.Unsupported.FILE_TOO_LARGE);
        } catch (MediaFetcher.Gone e) {
            Log.warnf("WhatsApp %s: media %d is not available from Twilio (%s)", in.messageSid(), index,
                    e.getMessage());
            return new ChatInput.Unsupported("media_unavailable");
        }
        String type = fetched.contentType() != null && !fetched.contentType().isBlank()
                && !fetched.contentType().equals("application/octet-stream") ? fetched.contentType()
                : item.contentType();
        String name = fileName(in, index, type, fetched.fileName());
        UUID id = UUID.nameUUIDFromBytes(("whatsapp:" + in.messageSid() + ":" + index)
                .getBytes(StandardCharsets.UTF_8));
        AttachmentRef ref = claimCheck.store(id, in.messageSid(), name, type, fetched.content());
        return new ChatInput.File(ref, caption);
    }

    /** The file's own name when Twilio gave one, else "whatsapp_<sid tail>[_n].<ext>". */
    static String fileName(WhatsAppInbound in, int index, String contentType, String given) {
        if (given != null && !given.isBlank()) {
            return given.strip();
        }
        String sid = in.messageSid();
        String tail = sid.substring(Math.max(0, sid.length() - 8));
        String type = contentType == null ? "" : contentType.split(";")[0].strip().toLowerCase(Locale.ROOT);
        String ext = EXTENSIONS.getOrDefault(type, type.startsWith("image/") ? "img" : "bin");
        return "whatsapp_" + tail + (index == 0 ? "" : "_" + (index + 1)) + "." + ext;
    }

    private void publish(WhatsAppInbound in, String name, List<Submission> submissions, Instant receivedAt) {
        CustomerContact contact = new CustomerContact(name, null, "+" + in.waId(), null, in.waId());
        ReplyAddress replyTo = new ReplyAddress(Channel.WHATSAPP, in.waId());
        for (int i = 0; i < submissions.size(); i++) {
            IntakeMessage message = submissions.get(i).toIntakeMessage(messageId(in.messageSid(), i),
                    Channel.WHATSAPP, receivedAt, contact, replyTo);
            try {
                publisher.publish(message);
            } catch (KafkaUnavailableException e) {
                throw new RetryLaterException(e.getMessage(), e);
            }
            metrics.published(message.kind().name().toLowerCase(Locale.ROOT));
            Log.infof("WhatsApp %s: %s %s published", in.messageSid(), message.kind(), message.messageId());
        }
    }

    private void reject(WhatsAppInbound in, int index, RejectedIntake.Reason reason, String detail, String payload,
                        Instant receivedAt) {
        try {
            publisher.publishRejected(new RejectedIntake(RejectedIntake.SCHEMA, messageId(in.messageSid(), index),
                    Channel.WHATSAPP, senderId(in.waId()), receivedAt, reason, detail, payload));
        } catch (KafkaUnavailableException e) {
            throw new RetryLaterException(e.getMessage(), e);
        }
        metrics.published("rejected_" + reason.name().toLowerCase(Locale.ROOT));
    }

    /** Stable per message (R5): {@code whatsapp:<MessageSid>}, with {@code -<n>} for a second submission. */
    static String messageId(String messageSid, int index) {
        String id = "whatsapp:" + messageSid;
        return index == 0 ? id : id + "-" + index;
    }

    /** The sender id of getmark.intake-rejected.v1: {@code whatsapp:<WaId>}. */
    static String senderId(String waId) {
        return "whatsapp:" + waId;
    }
}
