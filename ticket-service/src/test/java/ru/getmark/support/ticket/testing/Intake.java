package ru.getmark.support.ticket.testing;

import ru.getmark.support.common.event.AttachmentRef;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.event.TicketType;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Intake messages as the adapters publish them. */
public final class Intake {

    /** A valid organisation ИНН (check digit correct). */
    public static final String INN = "7707083893";

    private Intake() {
    }

    public static String newMessageId() {
        return "test-" + UUID.randomUUID();
    }

    public static IntakeMessage request(String messageId, TicketType type, Impact impact) {
        return IntakeMessage.newRequest(messageId, Channel.PHONE, Instant.now(), INN,
                new CustomerContact("ООО «Ромашка»", "buh@romashka.example", "+79255550101", null, null),
                type, "edo-send", "Не отправляется УПД", "Не отправляется УПД контрагенту.\nОшибка 500.",
                impact, List.of(new AttachmentRef("screen.png", "image/png", 1234, "ab".repeat(32),
                        "http://localhost:8084/api/attachments/1")),
                new ReplyAddress(Channel.EMAIL, "buh@romashka.example"));
    }

    /** The same request with another ИНН (canonical constructor: no validation on the producer side). */
    public static IntakeMessage withInn(IntakeMessage m, String inn) {
        return new IntakeMessage(m.schema(), m.messageId(), m.kind(), m.channel(), m.receivedAt(), inn, m.customer(),
                m.ticketNumber(), m.type(), m.process(), m.subject(), m.text(), m.impact(), m.attachments(),
                m.replyTo());
    }

    public static IntakeMessage followUp(String messageId, String ticketNumber) {
        return new IntakeMessage(null, messageId, IntakeMessage.Kind.FOLLOW_UP, Channel.EMAIL, Instant.now(), INN,
                CustomerContact.of("ООО «Ромашка»", "buh@romashka.example", null), ticketNumber, null, null,
                "Re: № " + ticketNumber, "Дополнение", null, null, null);
    }
}
