package ru.getmark.support.notifier.config;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Support's duty chat ("Интеграция клиентов", Appendix 2), where a Критический ticket posts its #Пожар message
 * (R18). Optional: unset, the notifier warns at start and on every critical ticket, and posts nothing.
 */
@ConfigMapping(prefix = "getmark.duty-chat")
public interface DutyChatConfig {

    /** The Telegram chat id of the duty chat, e.g. {@code -1001234567890} for a supergroup. */
    Optional<String> telegramChatId();
}
