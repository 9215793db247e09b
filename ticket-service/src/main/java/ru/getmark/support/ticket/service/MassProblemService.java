package ru.getmark.support.ticket.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.ticket.domain.MassProblem;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.lifecycle.Actor;
import ru.getmark.support.ticket.domain.lifecycle.InvalidActionException;
import ru.getmark.support.ticket.domain.lifecycle.Lifecycle;
import ru.getmark.support.ticket.domain.lifecycle.MassProblemRule;
import ru.getmark.support.ticket.domain.lifecycle.Outcome;
import ru.getmark.support.ticket.repository.MassProblemRepository;
import ru.getmark.support.ticket.repository.TicketRepository;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mass problems (R16, regulation §5.15). A group of similar tickets (R15: an escalated root and the tickets linked to
 * it) becomes a mass problem when more than four of them arrived within one day ({@link MassProblemRule}), or when
 * second/third-line staff declare one. Each ticket of the group still open gets {@code mass_problem_declared}, so each
 * customer is told the problem is known and being fixed; tickets linked later join it and get the same event. The
 * resolution answers every ticket of it still open at once: each moves to the solution-pending-confirmation state of
 * R12 with its own confirmation link, announced by one {@code mass_problem_resolved} event.
 *
 * <p>Every change takes the root's row lock first (see {@link SimilarProblemService}), then the tickets it changes
 * in id order; a unique index allows one unresolved mass problem per group.
 */
@ApplicationScoped
public class MassProblemService {

    static final int TITLE_LENGTH = 200;

    private final TicketRepository tickets;
    private final MassProblemRepository massProblems;
    private final Lifecycle lifecycle;
    private final TicketLifecycleService lifecycleService;
    private final ConfirmationLinks links;

    public MassProblemService(TicketRepository tickets, MassProblemRepository massProblems, Lifecycle lifecycle,
                              TicketLifecycleService lifecycleService, ConfirmationLinks links) {
        this.tickets = tickets;
        this.massProblems = massProblems;
        this.lifecycle = lifecycle;
        this.lifecycleService = lifecycleService;
        this.links = links;
    }

    /**
     * After a link, inside its transaction with the root's row locked: the ticket joins the group's unresolved mass
     * problem, or the group is counted and a mass problem declared when it qualifies.
     */
    void afterLink(Ticket t, Ticket root, MassProblem open, Actor actor, Instant now) {
        if (open != null) {
            join(open, t, actor.login(), now);
            Log.infof("Ticket %s joined mass problem %d (R16)", t.number, open.id);
            return;
        }
        // the tickets not yet part of any mass problem, the root always (one already told is not counted again)
        List<Instant> arrivals = new ArrayList<>();
        arrivals.add(root.registeredAt);
        arrivals.addAll(tickets.getEntityManager().createQuery("select registeredAt from Ticket where linkedTo = "
                + ":root and massProblemId is null", Instant.class).setParameter("root", root.number)
                .getResultList());
        if (MassProblemRule.reached(arrivals)) {
            MassProblem mp = declare(root, titleOf(root), MassProblem.SYSTEM, now);
            Log.infof("Mass problem %d declared automatically for the group of ticket %s: more than %d tickets "
                    + "within 24 hours (R16)", mp.id, root.number, MassProblemRule.MORE_THAN);
        }
    }

    /** R16: staff declare a mass problem for the group of a ticket (its root's group), with a title. */
    @Transactional
    public MassProblem declare(String ticket, String title, Actor actor) {
        String number = SimilarProblemService.normalise(ticket);
        String t = title == null ? null : title.strip();
        if (number == null) {
            throw new InvalidActionException("Укажите номер обращения, по которому ведутся работы (поле ticket)");
        }
        if (t == null || t.isEmpty()) {
            throw new InvalidActionException("Укажите название массовой проблемы (поле title)");
        }
        if (t.length() > TITLE_LENGTH) {
            throw new InvalidActionException("Название массовой проблемы длиннее " + TITLE_LENGTH + " символов");
        }
        String rootNumber = tickets.rootOf(number).orElseThrow(() -> new InvalidActionException("Обращение № "
                + number + " не найдено: проверьте номер (поле ticket)"));
        tickets.lock(rootNumber);
        Ticket root = lifecycleService.find(rootNumber);
        massProblems.openFor(rootNumber).ifPresent(mp -> {
            throw new MassProblemConflictException("По обращению № " + rootNumber + " уже объявлена массовая "
                    + "проблема № " + mp.id + " «" + mp.title + "»");
        });
        if (!Lifecycle.acceptsLinks(root, false)) {
            throw new MassProblemConflictException("Массовую проблему объявляют по открытому обращению, по которому "
                    + "ведутся работы на второй или третьей линии: обращение № " + rootNumber + " — статус «"
                    + Lifecycle.statusLabel(root) + "», линия «" + root.line.label() + "»");
        }
        MassProblem mp = declare(root, t, actor.login(), lifecycleService.now());
        Log.infof("Mass problem %d declared by %s for the group of ticket %s (R16)", mp.id, actor.login(),
                rootNumber);
        return mp;
    }

    /** Creates the mass problem and brings in the root and the group's tickets not yet part of one. */
    private MassProblem declare(Ticket root, String title, String by, Instant now) {
        MassProblem mp = new MassProblem();
        mp.title = title;
        mp.rootTicket = root.number;
        mp.declaredAt = now;
        mp.declaredBy = by;
        massProblems.persist(mp);
        tickets.lockLinkedTo(root.number);
        List<Ticket> members = new ArrayList<>();
        members.add(root);
        tickets.linkedTo(root.number).stream().filter(m -> m.massProblemId == null).forEach(members::add);
        for (Ticket m : members) {
            massProblems.addMember(mp.id, m.id, now);
        }
        ru.getmark.support.common.event.MassProblem declared = mp.toEvent(members.size());
        for (Ticket m : members) {
            Outcome o = lifecycle.joinMassProblem(m, by, declared);
            lifecycleService.record(m, o, now, "massProblem=" + mp.id);
        }
        return mp;
    }

    private void join(MassProblem mp, Ticket t, String by, Instant now) {
        massProblems.addMember(mp.id, t.id, now);
        Outcome o = lifecycle.joinMassProblem(t, by, mp.toEvent(massProblems.countMembers(mp.id)));
        lifecycleService.record(t, o, now, "massProblem=" + mp.id);
    }

    /**
     * R16, R12: the mass problem is fixed. Every ticket of it still open moves to Закрытое pending confirmation with
     * the resolution as its solution and its own confirmation link; the auto-close of R12 applies.
     */
    @Transactional
    public MassProblem resolve(long id, String resolution, Actor actor) {
        String r = resolution == null ? null : resolution.strip();
        if (r == null || r.isEmpty()) {
            throw new InvalidActionException("Укажите, что сделано для устранения проблемы: этот текст получат все "
                    + "пользователи как решение (поле resolution)");
        }
        MassProblem mp = find(id);
        // the root first, as every change of the group: a link joining right now is either in or waits
        tickets.lock(mp.rootTicket);
        massProblems.lock(id);
        massProblems.getEntityManager().refresh(mp);
        if (mp.resolved()) {
            throw new MassProblemConflictException("Массовая проблема № " + id + " уже устранена "
                    + MoscowTime.format(mp.resolvedAt) + " (" + mp.resolvedBy + ")");
        }
        Instant now = lifecycleService.now();
        mp.resolvedAt = now;
        mp.resolvedBy = actor.login();
        mp.resolution = r;
        massProblems.lockMembers(id);
        List<MassProblemRepository.Member> members = massProblems.members(id);
        ru.getmark.support.common.event.MassProblem resolved = mp.toEvent(members.size());
        int answered = 0;
        for (MassProblemRepository.Member m : members) {
            Ticket t = m.ticket();
            if (!Lifecycle.isOpen(t)) {
                continue; // answered or closed on its own: its customer was told then
            }
            String token = links.newToken();
            Outcome o = lifecycle.solveByMassProblem(t, actor, now, resolved, links.url(token));
            t.confirmationTokenHash = ConfirmationLinks.hash(token);
            lifecycleService.record(t, o, now, "massProblem=" + id);
            answered++;
        }
        Log.infof("Mass problem %d resolved by %s: %d open tickets of %d answered (R16)", id, actor.login(),
                answered, members.size());
        return mp;
    }

    /** A mass problem with its tickets' counts. */
    public record Summary(MassProblem massProblem, MassProblemRepository.Counts counts) {
    }

    /** Unresolved first, then the newest. */
    @Transactional
    public List<Summary> list(int limit) {
        List<MassProblem> list = massProblems.listOpenFirst(limit);
        Map<Long, MassProblemRepository.Counts> counts = massProblems.counts(list.stream().map(m -> m.id).toList());
        return list.stream().map(m -> new Summary(m, counts.getOrDefault(m.id, MassProblemRepository.Counts.NONE)))
                .toList();
    }

    /** A mass problem with its tickets, in the order they joined. */
    public record Detail(MassProblem massProblem, List<MassProblemRepository.Member> tickets) {
    }

    @Transactional
    public Detail get(long id) {
        MassProblem mp = find(id);
        return new Detail(mp, massProblems.members(id));
    }

    private MassProblem find(long id) {
        return massProblems.findByIdOptional(id).orElseThrow(() -> new MassProblemNotFoundException(
                "Массовая проблема № " + id + " не найдена"));
    }

    /** The root's subject, or a title naming the root when it has none. */
    static String titleOf(Ticket root) {
        String s = root.subject == null ? "" : root.subject.strip();
        if (s.isEmpty()) {
            return "Массовая проблема по обращению № " + root.number;
        }
        return s.length() <= TITLE_LENGTH ? s : s.substring(0, TITLE_LENGTH - 1).stripTrailing() + "…";
    }
}
