package ru.getmark.support.telegram.service;

import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.common.dialog.BotMessage;
import ru.getmark.support.telegram.config.TelegramConfig;
import ru.getmark.support.telegram.repository.FloodRepository;

import java.time.Instant;
import java.util.Optional;

/**
 * Throttles a flood from one chat (a script, a stuck key): over {@code getmark.telegram.flood.max-inputs} inputs within
 * the window, further inputs are not run through the dialogue; the chat is told once per window, politely.
 */
@ApplicationScoped
public class FloodGuard {

    static final String NOTICE = "Вы отправляете сообщения слишком часто. Пожалуйста, подождите минуту — "
            + "мы обязательно прочитаем всё, что важно.";

    private final FloodRepository counts;
    private final TelegramConfig config;

    FloodGuard(FloodRepository counts, TelegramConfig config) {
        this.counts = counts;
        this.config = config;
    }

    /**
     * Counts this input.
     *
     * @return empty when the chat is within the limit; otherwise the replies to send instead of running the dialogue
     *         (the polite notice once per window, then nothing)
     */
    public Optional<java.util.List<BotMessage>> check(long chatId, Instant now) {
        Instant window = windowStart(now);
        return QuarkusTransaction.requiringNew().call(() -> {
            FloodRepository.Count count = counts.increment(chatId, window);
            if (count.inputs() <= config.flood().maxInputs()) {
                return Optional.empty();
            }
            if (count.warned()) {
                return Optional.of(java.util.List.of());
            }
            counts.markWarned(chatId, window);
            Log.warnf("Chat flood: more than %d inputs within %s, throttled", config.flood().maxInputs(),
                    config.flood().window());
            return Optional.of(java.util.List.of(BotMessage.text(NOTICE)));
        });
    }

    private Instant windowStart(Instant now) {
        long window = Math.max(1, config.flood().window().toMillis());
        return Instant.ofEpochMilli(now.toEpochMilli() / window * window);
    }
}
