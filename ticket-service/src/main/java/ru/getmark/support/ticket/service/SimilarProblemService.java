package ru.getmark.support.ticket.service;

import io.quarkus.logging.Log;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.ticket.domain.MassProblem;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.TicketAction;
import ru.getmark.support.ticket.domain.lifecycle.Actor;
import ru.getmark.support.ticket.domain.lifecycle.InvalidActionException;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.domain.lifecycle.Outcome;
import ru.getmark.support.ticket.repository.MassProblemRepository;
import ru.getmark.support.ticket.repository.TicketActionRepository;
import ru.getmark.support.ticket.repository.TicketRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Similar problems (R15, regulation §5.10, §5.28): before escalating, the first (or second) line looks for a ticket
 * with the same problem that is already being worked on above it; if there is one, the new ticket is linked to it
 * instead of being escalated again, and the link is shown on both tickets. A group is the root (the escalated ticket)
 * and the tickets linked to it, one level deep: a ticket linked to a member is linked to the member's root, so there
 * are no chains and no cycles.
 *
 * <p>Every change of a group takes the root's row lock first (then the ticket's): links of one group are applied
 * one after the other, so the count that declares a mass problem (R16, {@link MassProblemService}) never sees two
 * links at once. A link, the history on both tickets, the {@code similar_linked} event and a mass problem's
 * declaration or joining are one transaction.
 */
@ApplicationScoped
public class SimilarProblemService {

    private final TicketRepository tickets;
    private final TicketActionRepository actions;
    private final MassProblemRepository massProblems;
    private final MassProblemService massProblemService;
    private final Lifecycle lifecycle;
    private final TicketLifecycleService lifecycleService;

    public SimilarProblemService(TicketRepository tickets, TicketActionRepository actions,
                                 MassProblemRepository massProblems, MassProblemService massProblemService,
                                 Lifecycle lifecycle, TicketLifecycleService lifecycleService) {
        this.tickets = tickets;
        this.actions = actions;
        this.massProblems = massProblems;
        this.massProblemService = massProblemService;
        this.lifecycle = lifecycle;
        this.lifecycleService = lifecycleService;
    }

    /**
     * R15: links the ticket to the open, escalated ticket with the same problem (or to that ticket's root), and, for
     * R16, makes it join the group's mass problem or declares one when the group now has more than four tickets
     * within one day.
     *
     * @param target the number staff named ("1000" or "№ 1000")
     */
    @Transactional
    public Ticket link(String number, Actor actor, String target, String reason, Long expectedVersion) {
        String targetNumber = normalise(target);
        if (targetNumber == null) {
            throw new InvalidActionException("Укажите номер обращения с той же проблемой, по которому уже ведутся "
                    + "работы (поле ticket)");
        }
        if (targetNumber.equals(number)) {
            throw new InvalidActionException("Обращение № " + number + " нельзя связать с самим собой: укажите "
                    + "другое обращение (поле ticket)");
        }
        if (tickets.rootOf(number).isEmpty()) {
            throw notFound(number);
        }
        String root = tickets.rootOf(targetNumber).orElseThrow(() -> new InvalidActionException("Обращение № "
                + targetNumber + " не найдено: проверьте номер (поле ticket)"));
        // the group's root first, then the ticket (see the class comment)
        tickets.lock(root);
        tickets.lock(number);
        Ticket t = lifecycleService.find(number);
        checkVersion(t, expectedVersion);
        Ticket targetTicket = lifecycleService.find(targetNumber);
        String targetRoot = targetTicket.linkedTo != null ? targetTicket.linkedTo : targetTicket.number;
        if (!root.equals(targetRoot)) {
            throw new ConcurrentChangeException("Связи обращения № " + targetNumber + " одновременно изменены "
                    + "другим действием: обновите обращение и повторите действие");
        }
        Ticket rootTicket = lifecycleService.find(root);
        Optional<MassProblem> open = massProblems.openFor(root);
        Instant now = lifecycleService.now();
        Outcome o = lifecycle.link(t, actor, now, targetTicket, rootTicket, tickets.countLinkedTo(number),
                open.isPresent(), reason);
        lifecycleService.record(t, o, now, "linkedTo=" + root + (root.equals(targetNumber) ? ""
                : ", via=" + targetNumber));
        actions.persist(TicketAction.of(rootTicket, "similar-linked", actor.login(), now, o.reason(),
                "ticket=" + number));
        Log.infof("Ticket %s linked to %s by %s (R15)", number, root, actor.login());
        massProblemService.afterLink(t, rootTicket, open.orElse(null), actor, now);
        return t;
    }

    /** R15: undoes a link; the ticket leaves the group and its unresolved mass problem, and may be escalated. */
    @Transactional
    public Ticket unlink(String number, Actor actor, String reason, Long expectedVersion) {
        String root = tickets.rootOf(number).orElseThrow(() -> notFound(number));
        tickets.lock(root);
        tickets.lock(number);
        Ticket t = lifecycleService.find(number);
        checkVersion(t, expectedVersion);
        String was = t.linkedTo;
        Instant now = lifecycleService.now();
        Outcome o = lifecycle.unlink(t, actor, now, reason);
        if (t.massProblemId != null) {
            massProblems.findByIdOptional(t.massProblemId).filter(mp -> !mp.resolved()).ifPresent(mp -> {
                massProblems.removeMember(mp.id, t.id);
                t.massProblemId = null;
            });
        }
        lifecycleService.record(t, o, now, "linkedTo=" + was);
        tickets.findByNumber(was).ifPresent(r -> actions.persist(TicketAction.of(r, "similar-unlinked",
                actor.login(), now, o.reason(), "ticket=" + number)));
        Log.infof("Ticket %s unlinked from %s by %s (R15)", number, was, actor.login());
        return t;
    }

    /** What the ticket view shows of the ticket's group (R15) and mass problem (R16). */
    public record Links(Ticket linkedTo, List<Ticket> linkedTickets, MassProblem massProblem,
                        int massProblemTickets) {
    }

    @Transactional
    public Links links(String number) {
        Ticket t = lifecycleService.find(number);
        Ticket root = t.linkedTo == null ? null : tickets.findByNumber(t.linkedTo).orElse(null);
        MassProblem mp = t.massProblemId == null ? null : massProblems.findById(t.massProblemId);
        return new Links(root, tickets.linkedTo(number), mp, mp == null ? 0 : massProblems.countMembers(mp.id));
    }

    /** A ticket staff may link to, with what it has in common with the ticket and its group so far. */
    public record Candidate(Ticket ticket, List<String> matchedBy, long linkedTickets, MassProblem massProblem) {
    }

    /**
     * Where a ticket may be linked (R15): group roots that accept links ({@link Lifecycle#acceptsLinks}: open and
     * escalated to line 2/3 or awaiting a release, or with an unresolved mass problem), newest first. Similar means:
     * the same GetMark process when the ticket names one, else the same type when it has one (unless {@code all});
     * {@code q} narrows to words of the subject or text.
     */
    @Transactional
    public List<Candidate> candidates(String number, String q, boolean all, int limit) {
        Ticket t = lifecycleService.find(number);
        StringBuilder where = new StringBuilder("linkedTo is null and number <> :number and ("
                + "(status in :open and (line <> :first or status = :awaitingImplementation)) "
                + "or number in (select m.rootTicket from MassProblem m where m.resolvedAt is null))");
        Parameters p = Parameters.with("number", t.number).and("open", TicketQueryService.OPEN)
                .and("first", SupportLine.FIRST).and("awaitingImplementation", TicketStatus.AWAITING_IMPLEMENTATION);
        List<String> matchedBy = new ArrayList<>();
        if (!all && t.process != null && !t.process.isBlank()) {
            where.append(" and process = :process");
            p.and("process", t.process);
            matchedBy.add("process");
        } else if (!all && t.type != null) {
            where.append(" and type = :type");
            p.and("type", t.type);
            matchedBy.add("type");
        }
        if (q != null && !q.isBlank()) {
            where.append(" and (lower(subject) like :like or lower(text) like :like)");
            p.and("like", "%" + q.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
            matchedBy.add("text");
        }
        List<Ticket> found = tickets.find(where + " order by registeredAt desc, id desc", p).page(0, limit).list();
        List<Candidate> result = new ArrayList<>();
        for (Ticket c : found) {
            result.add(new Candidate(c, List.copyOf(matchedBy), tickets.countLinkedTo(c.number),
                    massProblems.openFor(c.number).orElse(null)));
        }
        return result;
    }

    private static void checkVersion(Ticket t, Long expectedVersion) {
        if (expectedVersion != null && expectedVersion != t.version) {
            throw new ConcurrentChangeException("Обращение № " + t.number + " уже изменено другим сотрудником "
                    + "(версия " + t.version + ", у вас " + expectedVersion + "): обновите обращение и повторите "
                    + "действие");
        }
    }

    private static TicketNotFoundException notFound(String number) {
        return new TicketNotFoundException("Обращение № " + number + " не найдено");
    }

    /** "№ 1000", " 1000 " → "1000"; blank → null. */
    static String normalise(String number) {
        if (number == null) {
            return null;
        }
        String n = number.strip().replaceFirst("^№\\s*", "").strip();
        return n.isEmpty() ? null : n;
    }
}
