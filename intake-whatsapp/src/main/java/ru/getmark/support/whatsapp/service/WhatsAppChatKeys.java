package ru.getmark.support.whatsapp.service;

import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.adapter.chat.ChatKeys;
import ru.getmark.support.common.event.CustomerContact;

/**
 * A WhatsApp customer in adapter-support's chat tables (open tickets, flood counts): the WaId's digits, as the inbox
 * keys a number. The ticket projection derives it from the customer's {@code whatsappId}, whatever form the snapshot
 * carries it in.
 */
@ApplicationScoped
public class WhatsAppChatKeys implements ChatKeys {

    @Override
    public String of(CustomerContact customer) {
        return waId(customer.whatsappId());
    }

    /** The WaId as this service keys it (digits); null when there are none. */
    static String waId(String whatsappId) {
        if (whatsappId == null) {
            return null;
        }
        String digits = whatsappId.replaceAll("[^0-9]", "");
        return digits.isEmpty() ? null : digits;
    }
}
