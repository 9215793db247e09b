package ru.getmark.support.common.event;

/**
 * How to reach the customer. {@code name} is the person's name or the company's, used in the greeting of every notice.
 * Every field may be null except {@code name}, which adapters fill with the best they have.
 *
 * @param name           person or company name ("ФИО/Название ЮЛ")
 * @param email          contact email, where status emails go
 * @param phone          phone in E.164 (+7...)
 * @param telegramChatId Telegram chat id when the customer came through the bot
 * @param whatsappId     WhatsApp id (Twilio WaId) when the customer came through WhatsApp
 */
public record CustomerContact(String name, String email, String phone, Long telegramChatId, String whatsappId) {

    public static CustomerContact of(String name, String email, String phone) {
        return new CustomerContact(name, email, phone, null, null);
    }
}
