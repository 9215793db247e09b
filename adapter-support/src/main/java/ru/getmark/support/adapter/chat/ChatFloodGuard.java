package ru.getmark.support.adapter.chat;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.dialog.BotMessage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Throttles a flood from one chat (a script, a stuck key, a bot on the customer's side): over {@code maxInputs} inputs
 * within a fixed window (the adapter's {@code getmark.<channel>.flood.*}), further inputs are not run through the
 * dialogue; the chat is told once per window, politely. Counts join the caller's transaction (WhatsApp's worker holds
 * the number's lock in it; Telegram gives the check a transaction of its own).
 */
@ApplicationScoped
@IfBuildProperty(name = ChatBeans.ENABLED, stringValue = "true")
public class ChatFloodGuard {

    public static final String NOTICE = "Вы отправляете сообщения слишком часто. Пожалуйста, подождите минуту — "
            + "мы обязательно прочитаем всё, что важно.";

    private final ChatFloodRepository counts;

    ChatFloodGuard(ChatFloodRepository counts) {
        this.counts = counts;
    }

    /**
     * Counts this input.
     *
     * @param chatKey   the chat, as {@link ChatKeys} names it
     * @param maxInputs inputs one chat may send within the window
     * @param window    the fixed window's length
     * @return empty when the chat is within the limit; otherwise the replies to send instead of running the dialogue
     *         (the polite notice once per window, then nothing)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<List<BotMessage>> check(String chatKey, Instant now, int maxInputs, Duration window) {
        Instant start = windowStart(now, window);
        ChatFloodRepository.Count count = counts.increment(chatKey, start);
        if (count.inputs() <= maxInputs) {
            return Optional.empty();
        }
        if (count.warned()) {
            return Optional.of(List.of());
        }
        counts.markWarned(chatKey, start);
        Log.warnf("Chat flood from %s: more than %d inputs within %s, throttled", masked(chatKey), maxInputs, window);
        return Optional.of(List.of(BotMessage.text(NOTICE)));
    }

    static Instant windowStart(Instant now, Duration window) {
        long length = Math.max(1, window.toMillis());
        return Instant.ofEpochMilli(now.toEpochMilli() / length * length);
    }

    /** A chat key in logs: only its last four characters (a WaId is a phone number). */
    static String masked(String chatKey) {
        if (chatKey == null || chatKey.isEmpty()) {
            return "chat ?";
        }
        return "chat ***" + chatKey.substring(Math.max(0, chatKey.length() - 4));
    }
}
