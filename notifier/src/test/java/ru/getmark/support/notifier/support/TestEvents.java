package ru.getmark.support.notifier.support;

import com.fasterxml.jackson.databind.node.ObjectNode;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.MassProblem;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.json.Json;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Real TicketEvents as ticket-service publishes them, with numbers and addresses unique per test. */
public final class TestEvents {

    public static final Instant REGISTERED_AT = Instant.parse("2026-12-25T14:00:00Z");   // 25.12.2026 17:00 (Мск)
    public static final Instant DEADLINE = Instant.parse("2026-12-28T12:30:00Z");        // 28.12.2026 15:30 (Мск)

    private TestEvents() {
    }

    /** A ticket number nobody else in this JVM uses. */
    public static String uniqueNumber() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L));
    }

    /** A customer address nobody else in this JVM uses. */
    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.ru";
    }

    public static TicketEvent registered(String number, String name, String email, Priority priority,
                                         Deadlines deadlines) {
        return event(TicketEventType.REGISTERED, number, name, email, priority, deadlines);
    }

    public static TicketEvent registered(String number, String name, String email) {
        return registered(number, name, email, Priority.MEDIUM,
                new Deadlines(DEADLINE, Instant.parse("2026-12-25T18:00:00Z"), DEADLINE));
    }

    public static TicketEvent event(TicketEventType type, String number, String name, String email,
                                    Priority priority, Deadlines deadlines) {
        TicketSnapshot ticket = new TicketSnapshot(number, TicketStatus.NEW, TicketType.SOFTWARE_BUG, priority,
                SupportLine.FIRST, "7707083893", CustomerContact.of(name, email, "+79250000000"), Channel.PHONE,
                REGISTERED_AT, deadlines, "Не печатается этикетка");
        return new TicketEvent(TicketEvent.SCHEMA, UUID.randomUUID().toString(), type, REGISTERED_AT, ticket,
                TicketEventData.byActor("system"));
    }

    /** A Telegram chat id nobody else in this JVM uses. */
    public static long uniqueTelegramChatId() {
        return ThreadLocalRandom.current().nextLong(100_000_000L, 9_999_999_999L);
    }

    /** A WhatsApp id (WaId, digits) nobody else in this JVM uses. */
    public static String uniqueWhatsappId() {
        return "7925" + ThreadLocalRandom.current().nextLong(1_000_000L, 9_999_999L);
    }

    /** The same event with other data. */
    public static TicketEvent withData(TicketEvent event, TicketEventData data) {
        return new TicketEvent(event.schema(), event.eventId(), event.type(), event.occurredAt(), event.ticket(),
                data);
    }

    /** The same event for another customer. */
    public static TicketEvent withCustomer(TicketEvent event, CustomerContact customer) {
        TicketSnapshot t = event.ticket();
        return new TicketEvent(event.schema(), event.eventId(), event.type(), event.occurredAt(),
                new TicketSnapshot(t.number(), t.status(), t.type(), t.priority(), t.line(), t.inn(), customer,
                        t.channel(), t.registeredAt(), t.deadlines(), t.subject()), event.data());
    }

    /** The same event with another ticket priority. */
    public static TicketEvent withPriority(TicketEvent event, Priority priority) {
        TicketSnapshot t = event.ticket();
        return new TicketEvent(event.schema(), event.eventId(), event.type(), event.occurredAt(),
                new TicketSnapshot(t.number(), t.status(), t.type(), priority, t.line(), t.inn(), t.customer(),
                        t.channel(), t.registeredAt(), t.deadlines(), t.subject()), event.data());
    }

    /** Data of a mass problem event (R16): relatedTicket is the root ticket. */
    public static TicketEventData massProblem(MassProblem problem, String confirmationUrl) {
        return new TicketEventData("system", null, null, null, null, null, confirmationUrl, null, null, null, null,
                null, null, null, problem.rootTicket(), null, null, problem);
    }

    /** The event's JSON as a tree, to add what a newer producer might send. */
    public static ObjectNode tree(TicketEvent event) {
        return Json.MAPPER.valueToTree(event);
    }
}
