package ru.getmark.support.whatsapp.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.dialog.BotMessage;
import ru.getmark.support.whatsapp.config.WhatsAppConfig;
import ru.getmark.support.whatsapp.domain.Masking;
import ru.getmark.support.whatsapp.repository.FloodRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Throttles a flood from one number (a script, a stuck bot on the customer's side): over
 * {@code getmark.whatsapp.flood.max-inputs} messages within the window, further messages are not run through the
 * dialogue (they stay in the inbox as throttled and are kept on getmark.intake-rejected.v1); the customer is told
 * once per window, politely. Counts join the caller's transaction, which holds the number's lock.
 */
@ApplicationScoped
public class FloodGuard {

    static final String NOTICE = "Вы отправляете сообщения слишком часто. Пожалуйста, подождите минуту — "
            + "мы обязательно прочитаем всё, что важно.";

    private final FloodRepository counts;
    private final WhatsAppConfig config;

    FloodGuard(FloodRepository counts, WhatsAppConfig config) {
        this.counts = counts;
        this.config = config;
    }

    /**
     * Counts this message.
     *
     * @return empty when the number is within the limit; otherwise the replies to send instead of running the
     *         dialogue (the polite notice once per window, then nothing)
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<List<BotMessage>> check(String waId, Instant now) {
        Instant window = windowStart(now);
        FloodRepository.Count count = counts.increment(waId, window);
        if (count.inputs() <= config.flood().maxInputs()) {
            return Optional.empty();
        }
        if (count.warned()) {
            return Optional.of(List.of());
        }
        counts.markWarned(waId, window);
        Log.warnf("WhatsApp flood from %s: more than %d messages within %s, throttled", Masking.waId(waId),
                config.flood().maxInputs(), config.flood().window());
        return Optional.of(List.of(BotMessage.text(NOTICE)));
    }

    private Instant windowStart(Instant now) {
        long window = Math.max(1, config.flood().window().toMillis());
        return Instant.ofEpochMilli(now.toEpochMilli() / window * window);
    }
}
