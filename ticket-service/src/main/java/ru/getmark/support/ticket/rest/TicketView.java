package ru.getmark.support.ticket.rest;

import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.ticket.domain.MassProblem;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.service.SimilarProblemService;

import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.domain.lifecycle.StaffAction;

import java.time.Instant;
import java.util.List;

/**
 * A ticket as the staff API shows it: machine codes (the JSON codes of the event contracts) next to their Russian
 * labels, instants in ISO-8601 UTC next to the Moscow-time text customers see ({@code дд.мм.гггг чч:мм (Мск)}).
 */
public record TicketView(
        String number,
        TicketStatus status,
        String statusLabel,
        TicketType type,
        String typeLabel,
        boolean needsClassification,
        Priority priority,
        String priorityLabel,
        SupportLine line,
        String lineLabel,
        Channel channel,
        String channelLabel,
        String inn,
        Customer customer,
        DeliveryProblem deliveryProblem,
        String subject,
        String text,
        String process,
        Impact impact,
        String impactLabel,
        Instant receivedAt,
        Instant registeredAt,
        String registeredAtMsk,
        Instant deadline,
        String deadlineMsk,
        Instant firstLineDeadline,
        Instant secondLineDeadline,
        String statusDetail,
        boolean awaitingConfirmation,
        Instant confirmationDeadline,
        Instant answerDeadline,
        Instant pausedAt,
        String question,
        String solution,
        Instant closedAt,
        String closeReason,
        String rating,
        String ratingComment,
        String assignee,
        String relatedTicket,
        Instant criticalSince,
        LinkedTicket linkedTo,
        Instant linkedAt,
        List<LinkedTicket> linkedTickets,
        MassProblemRef massProblem,
        long version,
        List<String> allowedActions) {

    /** The customer's contact as staff need it. */
    public record Customer(String name, String email, String phone, Long telegramChatId, String whatsappId) {
    }

    /**
     * Notices to the customer bounce (their address does not work): when the last one bounced, why (the mail server's
     * diagnostic), how many did, and what the first line should do. Null while none bounced. The bounces themselves
     * are {@code notice-bounced} actions in the ticket's history.
     */
    public record DeliveryProblem(Instant at, String atMsk, String reason, int bounces, String hint) {

        static final String HINT = "Уведомления пользователю не доставляются: адрес электронной почты неверен или "
                + "недоступен. Свяжитесь с пользователем по телефону и уточните адрес.";

        static DeliveryProblem of(Ticket t) {
            return t.deliveryFailedAt == null ? null : new DeliveryProblem(t.deliveryFailedAt,
                    MoscowTime.format(t.deliveryFailedAt), t.deliveryFailure, t.deliveryFailures, HINT);
        }
    }

    /**
     * R15: a ticket of the same group — the one this ticket is linked to (where the work goes on), or one linked to
     * this ticket.
     */
    public record LinkedTicket(String number, TicketStatus status, String statusLabel, SupportLine line,
                               String lineLabel, String subject, String customerName, Instant registeredAt,
                               Instant linkedAt) {
        static LinkedTicket of(Ticket t) {
            return new LinkedTicket(t.number, t.status, Lifecycle.statusLabel(t), t.line, t.line.label(), t.subject,
                    t.customerName, t.registeredAt, t.linkedAt);
        }
    }

    /** R16: the mass problem the ticket is part of (details at GET /api/mass-problems/{id}). */
    public record MassProblemRef(long id, String title, String rootTicket, boolean resolved, Instant declaredAt,
                                 Instant resolvedAt, int ticketCount) {
    }

    public static TicketView of(Ticket t) {
        return of(t, null, null);
    }

    public static TicketView of(Ticket t, List<StaffAction> allowed) {
        return of(t, allowed, null);
    }

    /**
     * With the actions the caller may take now (codes of POST /api/tickets/{n}/actions/{code}) and the ticket's
     * similar-problem group and mass problem (R15, R16) when known.
     */
    public static TicketView of(Ticket t, List<StaffAction> allowed, SimilarProblemService.Links links) {
        MassProblem mp = links == null ? null : links.massProblem();
        return new TicketView(
                t.number,
                t.status, t.status.label(),
                t.type, t.type == null ? null : t.type.label(),
                t.needsClassification,
                t.priority, t.priority.label(),
                t.line, t.line.label(),
                t.channel, t.channel.label(),
                t.inn,
                new Customer(t.customerName, t.customerEmail, t.customerPhone, t.customerTelegramChatId,
                        t.customerWhatsappId),
                DeliveryProblem.of(t),
                t.subject, t.text, t.process,
                t.impact, t.impact == null ? null : t.impact.label(),
                t.receivedAt,
                t.registeredAt, MoscowTime.format(t.registeredAt),
                t.resolutionDeadline, t.resolutionDeadline == null ? null : MoscowTime.format(t.resolutionDeadline),
                t.firstLineDeadline,
                t.secondLineDeadline,
                Lifecycle.statusLabel(t),
                t.awaitingConfirmation, t.confirmationDeadline, t.answerDeadline, t.pausedAt,
                t.question, t.solution, t.closedAt, t.closeReason, t.rating, t.ratingComment, t.assignee,
                t.relatedTicket, t.criticalSince,
                links == null || links.linkedTo() == null ? null : LinkedTicket.of(links.linkedTo()),
                t.linkedAt,
                links == null ? null : links.linkedTickets().stream().map(LinkedTicket::of).toList(),
                mp == null ? null : new MassProblemRef(mp.id, mp.title, mp.rootTicket, mp.resolved(), mp.declaredAt,
                        mp.resolvedAt, links.massProblemTickets()),
                t.version,
                allowed == null ? null : allowed.stream().map(StaffAction::code).toList());
    }
}
