package ru.getmark.support.ticket.lifecycle;

import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.CustomerContact;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.IntakeMessage;
import ru.getmark.support.common.event.ReplyAddress;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.ticket.service.TicketService;
import ru.getmark.support.ticket.testing.Intake;
import ru.getmark.support.ticket.testing.TestClock;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.hamcrest.Matchers.equalTo;
import static ru.getmark.support.ticket.lifecycle.LifecycleApi.act;

/**
 * Similar-problem groups for the R15/R16 tests: tickets of one GetMark process made up per test (so that other
 * tests' tickets in the shared database never match), each from its own customer, registered at a chosen time.
 */
final class Groups {

    private static final AtomicInteger CUSTOMERS = new AtomicInteger();

    private final TicketService tickets;
    private final TestClock clock;
    /** A process no other test uses. */
    final String process = "test-process-" + UUID.randomUUID();

    Groups(TicketService tickets, TestClock clock) {
        this.tickets = tickets;
        this.clock = clock;
    }

    /** A new ticket of this group's process registered at that instant (a different customer each time). */
    String register(Instant at, String subject) {
        clock.fix(at);
        int c = CUSTOMERS.incrementAndGet();
        String email = "client" + c + "@example.ru";
        IntakeMessage m = IntakeMessage.newRequest(Intake.newMessageId(), Channel.EMAIL, at, Intake.INN,
                new CustomerContact("ООО «Клиент " + c + "»", email, null, null, null), TicketType.SOFTWARE_BUG,
                process, subject, subject + ". Ошибка 500.", Impact.STOPS_OPERATIONS, List.of(),
                new ReplyAddress(Channel.EMAIL, email));
        return tickets.register(m).ticketNumber();
    }

    String register(Instant at) {
        return register(at, "Не отправляется УПД контрагенту");
    }

    /** A ticket registered then escalated by the first line to the second: a group root (R15). */
    String escalatedRoot(Instant at) {
        String n = register(at);
        act("operator", n, "escalate", Map.of("reason", "Нужна экспертиза второй линии")).statusCode(200)
                .body("line", equalTo("second"));
        return n;
    }

    /** The first line links the ticket to that one. */
    void link(String number, String to) {
        act("operator", number, "link", Map.of("ticket", to)).statusCode(200).body("linkedTo.number",
                equalTo(to));
    }
}
