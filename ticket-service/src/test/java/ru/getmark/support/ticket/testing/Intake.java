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

    /** The same new request naming another ticket it refers to but does not belong to (issue 5). */
    public static IntakeMessage withRelatedTicket(IntakeMessage m, String relatedTicket) {
        return new IntakeMessage(m.schema(), m.messageId(), m.kind(), m.channel(), m.receivedAt(), m.inn(),
                m.customer(), m.ticketNumber(), m.type(), m.process(), m.subject(), m.text(), m.impact(),
                m.attachments(), m.replyTo(), relatedTicket);
    }

    /**
     * A bounce of one of our notices to the customer of the ticket, as intake-email publishes it: the sender is the
     * mailer daemon, the text the diagnostic, no ИНН (the key is then the ticket number).
     */
    public static IntakeMessage deliveryFailure(String messageId, String ticketNumber, String diagnostic) {
        return new IntakeMessage(null, messageId, IntakeMessage.Kind.DELIVERY_FAILURE, Channel.EMAIL, Instant.now(),
                null, CustomerContact.of("Mail Delivery System", "mailer-daemon@mx.getmark.example", null),
                ticketNumber, null, null, "Undelivered Mail Returned to Sender: № " + ticketNumber, diagnostic, null,
                null, null);
    }

    /** The same message with another kind (a confirmation or a bounce instead of a follow-up). */
    public static IntakeMessage withKind(IntakeMessage m, IntakeMessage.Kind kind) {
        return new IntakeMessage(m.schema(), m.messageId(), kind, m.channel(), m.receivedAt(), m.inn(), m.customer(),
                m.ticketNumber(), m.type(), m.process(), m.subject(), m.text(), m.impact(), m.attachments(),
                m.replyTo(), m.relatedTicket());
    }

    public static IntakeMessage followUp(String messageId, String ticketNumber) {
        return new IntakeMessage(null, messageId, IntakeMessage.Kind.FOLLOW_UP, Channel.EMAIL, Instant.now(), INN,
                CustomerContact.of("ООО «Ромашка»", "buh@romashka.example", null), ticketNumber, null, null,
                "Re: № " + ticketNumber, "Дополнение", null, null, null);
    }
}
