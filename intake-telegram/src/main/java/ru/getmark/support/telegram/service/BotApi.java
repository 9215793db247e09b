package ru.getmark.support.telegram.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.botapimethods.BotApiMethod;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.generics.TelegramClient;
import ru.getmark.support.common.dialog.BotMessage;
import ru.getmark.support.common.dialog.ChatButton;
import ru.getmark.support.common.text.TextSplitter;
import ru.getmark.support.telegram.config.TelegramConfig;

import java.io.Serializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Calls the Bot API through the real TelegramBots client, within Telegram's limits: texts over 4096 characters are
 * split (the keyboard goes under the last part), a 429 waits the {@code retry_after} Telegram asks for, 5xx and
 * network errors are retried with backoff, a 4xx other than 429 is not retried (it would fail again).
 */
@ApplicationScoped
public class BotApi {

    private final TelegramClient client;
    private final TelegramConfig config;

    BotApi(TelegramClient client, TelegramConfig config) {
        this.client = client;
        this.config = config;
    }

    /** A rendered inline button: callback data, or a URL button. */
    public record Button(String label, String callbackData, String url) {
    }

    /** Sends one bot message of the dialogue, its buttons as an inline keyboard. */
    public void send(long chatId, BotMessage message) throws TelegramApiException {
        List<List<Button>> rows = message.keyboard().stream()
                .map(row -> row.stream().map(BotApi::button).toList()).toList();
        send(chatId, message.text(), rows);
    }

    /** Sends a text (split when over 4096 characters) with the keyboard under its last part. */
    public void send(long chatId, String text, List<List<Button>> keyboard) throws TelegramApiException {
        List<String> parts = parts(text);
        for (int i = 0; i < parts.size(); i++) {
            SendMessage.SendMessageBuilder<?, ?> send = SendMessage.builder().chatId(chatId).text(parts.get(i));
            if (i == parts.size() - 1 && !keyboard.isEmpty()) {
                send.replyMarkup(markup(keyboard));
            }
            execute(send.build());
        }
    }

    /** The messages a text becomes within Telegram's 4096 characters per sendMessage. */
    static List<String> parts(String text) {
        return TextSplitter.split(text, BotMessage.MAX_TEXT);
    }

    /** Stops the button's spinner in the customer's app. */
    public void answerCallback(String callbackQueryId) {
        try {
            execute(AnswerCallbackQuery.builder().callbackQueryId(callbackQueryId).build());
        } catch (TelegramApiException e) {
            // Not worth failing the update for: the spinner stops by itself after a while.
            Log.warnf("answerCallbackQuery failed: %s", e.getMessage());
        }
    }

    /** setWebhook (a multipart call in TelegramBots, not a plain BotApiMethod). */
    public Boolean setWebhook(org.telegram.telegrambots.meta.api.methods.updates.SetWebhook setWebhook)
            throws TelegramApiException {
        return client.execute(setWebhook);
    }

    /** Any Bot API method, retried on 429 (after retry_after), 5xx and network errors. */
    public <T extends Serializable> T execute(BotApiMethod<T> method) throws TelegramApiException {
        int attempts = Math.max(1, config.sendAttempts());
        Duration backoff = Duration.ofMillis(200);
        for (int attempt = 1; ; attempt++) {
            try {
                return client.execute(method);
            } catch (TelegramApiRequestException e) {
                Integer code = e.getErrorCode();
                boolean retryable = code == null || code == 429 || code >= 500;
                if (!retryable || attempt >= attempts) {
                    throw e;
                }
                Duration wait = backoff;
                if (code != null && code == 429 && e.getParameters() != null
                        && e.getParameters().getRetryAfter() != null) {
                    wait = Duration.ofSeconds(e.getParameters().getRetryAfter());
                    if (wait.compareTo(config.maxRetryAfter()) > 0) {
                        throw e;
                    }
                }
                Log.infof("%s: Bot API answered %s, retrying in %d ms (attempt %d of %d)", method.getMethod(), code,
                        wait.toMillis(), attempt, attempts);
                pause(wait);
            } catch (TelegramApiException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                Log.infof("%s failed (%s), retrying in %d ms", method.getMethod(), e.getMessage(), backoff.toMillis());
                pause(backoff);
            }
            backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                    : backoff.multipliedBy(2);
        }
    }

    static Button button(ChatButton button) {
        return new Button(button.label(), button.data(), null);
    }

    static InlineKeyboardMarkup markup(List<List<Button>> rows) {
        List<InlineKeyboardRow> keyboard = new ArrayList<>();
        for (List<Button> row : rows) {
            InlineKeyboardRow r = new InlineKeyboardRow();
            for (Button b : row) {
                InlineKeyboardButton.InlineKeyboardButtonBuilder<?, ?> builder =
                        InlineKeyboardButton.builder().text(b.label());
                if (b.url() != null) {
                    builder.url(b.url());
                } else {
                    builder.callbackData(b.callbackData());
                }
                r.add(builder.build());
            }
            keyboard.add(r);
        }
        return InlineKeyboardMarkup.builder().keyboard(keyboard).build();
    }

    private static void pause(Duration wait) throws TelegramApiException {
        LockSupport.parkNanos(wait.toNanos());
        if (Thread.currentThread().isInterrupted()) {
            throw new TelegramApiException("interrupted while waiting to retry");
        }
    }
}
