package ru.getmark.support.ticket.domain.lifecycle;

import ru.getmark.support.common.event.BugReport;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.SupportLine;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.ticket.domain.Ticket;
import ru.getmark.support.ticket.domain.TicketAttachment;
import ru.getmark.support.ticket.domain.TicketPause;
import ru.getmark.support.ticket.domain.sla.ProductionCalendar;
import ru.getmark.support.ticket.domain.sla.SlaPolicy;
import ru.getmark.support.common.json.Json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

import static ru.getmark.support.common.event.TicketStatus.AWAITING_IMPLEMENTATION;
import static ru.getmark.support.common.event.TicketStatus.AWAITING_USER;
import static ru.getmark.support.common.event.TicketStatus.CLOSED;
import static ru.getmark.support.common.event.TicketStatus.IN_PROGRESS;
import static ru.getmark.support.common.event.TicketStatus.NEW;

/**
 * The ticket's state machine (R8) with the SLA clock's pauses (R9), plain Java: every method checks the actor's
 * line (R14) and the source status, changes the ticket and says what happened ({@link Outcome}) for the service to
 * record and publish in the same transaction.
 *
 * <p>Закрытое has two sub-states: pending the customer's confirmation of a solution ({@link
 * Ticket#awaitingConfirmation}, a window of {@value #CONFIRMATION_WORKING_DAYS} working days, R12) and final. The clock
 * stops in Ожидает ответа пользователя and Ожидается реализация: the pause is recorded as a {@link TicketPause} and,
 * on resumption, the deadlines move by {@link SlaPolicy#resume}.
 */
public final class Lifecycle {

    /** Statuses of a ticket still being worked on. */
    static final Set<TicketStatus> OPEN = EnumSet.of(NEW, IN_PROGRESS, AWAITING_USER, AWAITING_IMPLEMENTATION);
    /** Statuses in which the SLA clock stands still (§5.19). */
    static final Set<TicketStatus> PAUSED = EnumSet.of(AWAITING_USER, AWAITING_IMPLEMENTATION);

    public static final int ANSWER_WORKING_DAYS = 3;
    public static final int CONFIRMATION_WORKING_DAYS = 3;

    public static final String RATING_SATISFACTORY = "satisfactory";
    public static final String RATING_UNSATISFACTORY = "unsatisfactory";

    static final String AUTO_CLOSE_NO_ANSWER = "Пользователь не ответил на запрос дополнительных сведений в течение "
            + "3 рабочих дней";
    static final String AUTO_CLOSE_NO_REACTION = "Пользователь не отреагировал на решение в течение 3 рабочих дней";
    static final String CONFIRMED = "Пользователь подтвердил решение";
    static final String CRITICAL_ALERT = "Критический приоритет: решить как можно быстрее";
    /** The history action of a bounced notice. */
    public static final String NOTICE_BOUNCED = "notice-bounced";
    static final String DELIVERY_FAILED = "Уведомление пользователю не доставлено";
    /** A bounce's diagnostic is kept to this length (a report may quote a whole SMTP transcript). */
    static final int MAX_DIAGNOSTIC_LENGTH = 1000;

    private static final Pattern WORDS = Pattern.compile("[\\s\\p{Punct}&&[^-«»№]]+");

    private final SlaPolicy policy;
    private final ProductionCalendar calendar;

    public Lifecycle(SlaPolicy policy, ProductionCalendar calendar) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    // ---------------------------------------------------------------- what is allowed

    /** The staff actions this actor may take on the ticket now (line, status and action-specific conditions). */
    public List<StaffAction> allowed(Ticket t, Actor actor) {
        if (!actor.mayActOn(t.line)) {
            return List.of();
        }
        List<StaffAction> result = new ArrayList<>();
        for (StaffAction a : StaffAction.values()) {
            if (a.from().contains(t.status) && extraCondition(t, a)) {
                result.add(a);
            }
        }
        return result;
    }

    private static boolean extraCondition(Ticket t, StaffAction a) {
        return switch (a) {
            // R15: a ticket linked to one already being worked on is not escalated again (§5.10)
            case ESCALATE -> t.line != SupportLine.THIRD && t.linkedTo == null;
            case RETURN -> t.line != SupportLine.FIRST;
            case ASSIGN -> t.line == SupportLine.THIRD;
            case ROUTE_TO_DEVELOPERS -> t.line != SupportLine.FIRST && t.linkedTo == null;
            case LINK -> t.linkedTo == null;
            case UNLINK -> t.linkedTo != null;
            default -> true;
        };
    }

    private void check(Ticket t, Actor actor, StaffAction a) {
        if (!actor.mayActOn(t.line)) {
            throw new LineForbiddenException("Обращение № " + t.number + " находится на линии «" + t.line.label()
                    + "»: действовать с ним может только её сотрудник или администратор");
        }
        if (!a.from().contains(t.status) || !extraCondition(t, a)) {
            List<StaffAction> allowed = allowed(t, actor);
            if (t.linkedTo != null && a.from().contains(t.status)
                    && (a == StaffAction.ESCALATE || a == StaffAction.ROUTE_TO_DEVELOPERS || a == StaffAction.LINK)) {
                throw new IllegalTransitionException(linkedRefusal(t, a), allowed);
            }
            String where = "«" + statusLabel(t) + "», линия «" + t.line.label() + "»";
            throw new IllegalTransitionException("Действие «" + a.label() + "» недопустимо для обращения № "
                    + t.number + " в состоянии " + where + ". Допустимые действия: "
                    + (allowed.isEmpty() ? "нет" : String.join(", ", allowed.stream().map(StaffAction::code).toList())),
                    allowed);
        }
    }

    /** Why a linked ticket is not escalated, routed or linked again (R15, §5.10): names where the work goes on. */
    private static String linkedRefusal(Ticket t, StaffAction a) {
        if (a == StaffAction.LINK) {
            return "Обращение № " + t.number + " уже связано с обращением № " + t.linkedTo + " по аналогичной "
                    + "проблеме. Чтобы связать его с другим обращением, сначала отмените связь (действие unlink)";
        }
        return "Обращение № " + t.number + " не передаётся " + (a == StaffAction.ESCALATE ? "на следующую линию"
                : "разработчикам") + ": оно связано с обращением № " + t.linkedTo + " по аналогичной проблеме, "
                + "работы по её устранению уже ведутся по обращению № " + t.linkedTo + " (п. 5.10 регламента). "
                + "Если проблема другая, сначала отмените связь (действие unlink)";
    }

    /** Whether the ticket is still being worked on (not Закрытое in either sub-state). */
    public static boolean isOpen(Ticket t) {
        return OPEN.contains(t.status);
    }

    /** The status as staff read it, with the pending-confirmation sub-state of Закрытое. */
    public static String statusLabel(Ticket t) {
        return t.status == CLOSED && t.awaitingConfirmation
                ? t.status.label() + " (ожидает подтверждения решения)"
                : t.status.label();
    }

    // ---------------------------------------------------------------- staff actions

    /** Новый → В работе. */
    public Outcome take(Ticket t, Actor actor, Instant now) {
        check(t, actor, StaffAction.TAKE);
        Outcome o = new Outcome(StaffAction.TAKE.code(), actor.login(), null);
        moveTo(t, IN_PROGRESS, now, o, "Взято в работу");
        return o.emit(TicketEventType.STATUS_CHANGED, data(actor).previousStatus(NEW).build());
    }

    /** R11: В работе → Ожидает ответа пользователя with the question; the clock stops. */
    public Outcome requestInformation(Ticket t, Actor actor, Instant now, String question) {
        check(t, actor, StaffAction.REQUEST_INFO);
        String q = required(question, "question", "Укажите вопрос пользователю (поле question)");
        TicketStatus from = t.status;
        Outcome o = new Outcome(StaffAction.REQUEST_INFO.code(), actor.login(), q);
        moveTo(t, AWAITING_USER, now, o, "Запрошены дополнительные сведения");
        t.question = q;
        t.answerDeadline = plusWorkingDays(now, ANSWER_WORKING_DAYS);
        return o.emit(TicketEventType.INFORMATION_REQUESTED, data(actor).previousStatus(from).question(q).build());
    }

    /**
     * R12: В работе → Закрытое pending confirmation, the window of 3 working days opens. {@code confirmationUrl} is
     * the customer's personal link (may be null when no link could be made).
     */
    public Outcome solve(Ticket t, Actor actor, Instant now, String solution, String confirmationUrl) {
        check(t, actor, StaffAction.SOLVE);
        String s = required(solution, "solution", "Укажите решение или шаги для пользователя (поле solution)");
        TicketStatus from = t.status;
        Outcome o = new Outcome(StaffAction.SOLVE.code(), actor.login(), null);
        moveTo(t, CLOSED, now, o, "Предоставлено решение, ожидается подтверждение пользователя");
        t.solution = s;
        t.awaitingConfirmation = true;
        t.confirmationDeadline = plusWorkingDays(now, CONFIRMATION_WORKING_DAYS);
        t.closedAt = now;
        t.closeReason = null;
        return o.emit(TicketEventType.SOLUTION_PROVIDED,
                data(actor).previousStatus(from).solution(s).confirmationUrl(confirmationUrl).build());
    }

    /** R13: outside support's competence → Закрытое with the reason, final. */
    public Outcome refuse(Ticket t, Actor actor, Instant now, String reason) {
        check(t, actor, StaffAction.REFUSE);
        String r = required(reason, "reason", "Укажите причину отказа (поле reason)");
        TicketStatus from = t.status;
        Outcome o = new Outcome(StaffAction.REFUSE.code(), actor.login(), r);
        moveTo(t, CLOSED, now, o, "Отказ в рассмотрении: " + r);
        t.awaitingConfirmation = false;
        t.closedAt = now;
        t.closeReason = "Отказ в рассмотрении: " + r;
        return o.emit(TicketEventType.REFUSED, data(actor).previousStatus(from).reason(r).build());
    }

    /** R13: awaiting a release → Ожидается реализация; the clock stops. */
    public Outcome awaitImplementation(Ticket t, Actor actor, Instant now, String reason) {
        check(t, actor, StaffAction.AWAIT_IMPLEMENTATION);
        String r = required(reason, "reason", "Укажите, какая доработка ПО нужна (поле reason)");
        TicketStatus from = t.status;
        Outcome o = new Outcome(StaffAction.AWAIT_IMPLEMENTATION.code(), actor.login(), r);
        moveTo(t, AWAITING_IMPLEMENTATION, now, o, r);
        return o.emit(TicketEventType.AWAITING_IMPLEMENTATION, data(actor).previousStatus(from).reason(r).build());
    }

    /** Back to В работе from a pause (the release came, the answer came by phone, ...); the clock resumes. */
    public Outcome resume(Ticket t, Actor actor, Instant now, String reason) {
        check(t, actor, StaffAction.RESUME);
        String r = required(reason, "reason", "Укажите, почему обращение возвращается в работу (поле reason)");
        TicketStatus from = t.status;
        Outcome o = new Outcome(StaffAction.RESUME.code(), actor.login(), r);
        moveTo(t, IN_PROGRESS, now, o, r);
        return o.emit(TicketEventType.STATUS_CHANGED, data(actor).previousStatus(from).reason(r).build());
    }

    /** R13, R18: to the developers (line 3) with an Appendix 2 bug report made from the ticket. */
    public Outcome routeToDevelopers(Ticket t, Actor actor, Instant now, BugReportInput input) {
        check(t, actor, StaffAction.ROUTE_TO_DEVELOPERS);
        BugReport report = bugReport(t, input == null ? BugReportInput.EMPTY : input);
        SupportLine previous = t.line;
        t.line = SupportLine.THIRD;
        Outcome o = new Outcome(StaffAction.ROUTE_TO_DEVELOPERS.code(), actor.login(), report.title());
        t.bugReport = Json.toJson(report);
        return o.emit(TicketEventType.ROUTED_TO_DEVELOPERS, data(actor).previousLine(previous).bugReport(report)
                .build());
    }

    /** R10: a later resolution deadline with a reason. */
    public Outcome extendDeadline(Ticket t, Actor actor, Instant now, Instant newDeadline, String reason) {
        check(t, actor, StaffAction.EXTEND_DEADLINE);
        String r = required(reason, "reason", "Укажите причину продления срока (поле reason)");
        if (newDeadline == null) {
            throw new InvalidActionException("Укажите новый срок (поле newDeadline, ISO-8601, например "
                    + "2026-12-30T15:00:00Z)");
        }
        if (!newDeadline.isAfter(now)) {
            throw new InvalidActionException("Новый срок " + MoscowTime.format(newDeadline) + " уже наступил: "
                    + "укажите срок в будущем");
        }
        if (t.resolutionDeadline != null && !newDeadline.isAfter(t.resolutionDeadline)) {
            throw new InvalidActionException("Новый срок должен быть позже текущего ("
                    + MoscowTime.format(t.resolutionDeadline) + ")");
        }
        t.resolutionDeadline = newDeadline;
        Outcome o = new Outcome(StaffAction.EXTEND_DEADLINE.code(), actor.login(), r);
        return o.emit(TicketEventType.DEADLINE_CHANGED, data(actor).reason(r).newDeadline(newDeadline).build());
    }

    /**
     * R7, R10: another priority with a reason; the deadlines are recomputed from the registration, shifted by every
     * pause so far. Критический has no hour target: it is tracked from registration and flagged at once.
     */
    public Outcome changePriority(Ticket t, Actor actor, Instant now, Priority priority, String reason) {
        check(t, actor, StaffAction.CHANGE_PRIORITY);
        String r = required(reason, "reason", "Укажите причину изменения приоритета (поле reason)");
        if (priority == null) {
            throw new InvalidActionException("Укажите приоритет (поле priority: low, medium, high, critical)");
        }
        if (priority == t.priority) {
            throw new InvalidActionException("У обращения уже приоритет «" + priority.label() + "»");
        }
        Priority previous = t.priority;
        t.priority = priority;
        Deadlines d = policy.deadlines(priority, t.registeredAt);
        for (TicketPause p : t.pauses) {
            if (p.endedAt != null) {
                d = policy.resume(d, p.startedAt, p.endedAt);
            }
        }
        t.setDeadlines(d);
        t.criticalSince = priority == Priority.CRITICAL ? now : null;
        Outcome o = new Outcome(StaffAction.CHANGE_PRIORITY.code(), actor.login(), r);
        o.emit(TicketEventType.PRIORITY_CHANGED, data(actor).previousPriority(previous).reason(r)
                .newDeadline(d.resolution()).build());
        if (priority == Priority.CRITICAL) {
            // R9: no hour target, "as fast as possible": flagged at once for the duty staff (R18's #Пожар)
            o.emit(TicketEventType.SLA_BREACH_NEAR, data(Actor.SYSTEM).deadlineKind("resolution")
                    .reason(CRITICAL_ALERT).build());
        }
        return o;
    }

    /** R6: another type (and the "needs classification" flag cleared). */
    public Outcome reclassify(Ticket t, Actor actor, Instant now, TicketType type, String reason) {
        check(t, actor, StaffAction.RECLASSIFY);
        if (type == null) {
            throw new InvalidActionException("Укажите тип (поле type: consultation, software_bug, change_request, "
                    + "data_correction)");
        }
        if (type == t.type && !t.needsClassification) {
            throw new InvalidActionException("У обращения уже тип «" + type.label() + "»");
        }
        TicketType previous = t.type;
        t.type = type;
        t.needsClassification = false;
        Outcome o = new Outcome(StaffAction.RECLASSIFY.code(), actor.login(), reason);
        return o.emit(TicketEventType.TYPE_CHANGED, data(actor).previousType(previous).reason(blankToNull(reason))
                .build());
    }

    /** R14: 1 → 2 → 3. */
    public Outcome escalate(Ticket t, Actor actor, Instant now, String reason) {
        check(t, actor, StaffAction.ESCALATE);
        String r = required(reason, "reason", "Укажите, почему обращение передаётся на следующую линию (поле reason)");
        SupportLine previous = t.line;
        t.line = previous == SupportLine.FIRST ? SupportLine.SECOND : SupportLine.THIRD;
        Outcome o = new Outcome(StaffAction.ESCALATE.code(), actor.login(), r);
        return o.emit(TicketEventType.LINE_CHANGED, data(actor).previousLine(previous).reason(r).build());
    }

    /** R14: back to the lower line for clarification (3 → 2 → 1). */
    public Outcome returnToLowerLine(Ticket t, Actor actor, Instant now, String reason) {
        check(t, actor, StaffAction.RETURN);
        String r = required(reason, "reason", "Укажите, что нужно уточнить (поле reason)");
        SupportLine previous = t.line;
        t.line = previous == SupportLine.THIRD ? SupportLine.SECOND : SupportLine.FIRST;
        t.assignee = null;
        Outcome o = new Outcome(StaffAction.RETURN.code(), actor.login(), r);
        return o.emit(TicketEventType.LINE_CHANGED, data(actor).previousLine(previous).reason(r).build());
    }

    /** Roles line 3 routes to (R14). */
    public enum AssigneeRole {
        MANAGER("manager", "менеджер"), TESTER("tester", "тестировщик"), ANALYST("analyst", "аналитик"),
        DEVELOPER("developer", "разработчик");

        final String code;
        final String label;

        AssigneeRole(String code, String label) {
            this.code = code;
            this.label = label;
        }

        public static AssigneeRole ofCode(String code) {
            return Arrays.stream(values()).filter(r -> r.code.equals(code)).findFirst()
                    .orElseThrow(() -> new InvalidActionException("Укажите роль исполнителя (поле role: manager, "
                            + "tester, analyst или developer)"));
        }
    }

    /** R14: line 3 assigns a manager, tester, analyst or developer. */
    public Outcome assign(Ticket t, Actor actor, Instant now, String role, String name) {
        check(t, actor, StaffAction.ASSIGN);
        AssigneeRole r = AssigneeRole.ofCode(role);
        String n = required(name, "name", "Укажите исполнителя (поле name)");
        t.assignee = r.code + ": " + n;
        Outcome o = new Outcome(StaffAction.ASSIGN.code(), actor.login(), t.assignee);
        return o.emit(TicketEventType.ASSIGNED, data(actor).assignee(t.assignee).build());
    }

    // ---------------------------------------------------------------- similar and mass problems (R15, R16)

    /**
     * Whether tickets with the same problem may be linked to this one (R15): it is a group's root (not linked
     * itself) and work on it goes on above the first line — open and escalated to line 2 or 3 (line 3 includes
     * routed to developers), or awaiting a release; or its group has an unresolved mass problem, which keeps
     * gathering tickets even when the root itself was answered (R16).
     */
    public static boolean acceptsLinks(Ticket root, boolean openMassProblem) {
        if (root.linkedTo != null) {
            return false;
        }
        if (openMassProblem) {
            return true;
        }
        return OPEN.contains(root.status)
                && (root.line != SupportLine.FIRST || root.status == AWAITING_IMPLEMENTATION);
    }

    /**
     * R15 (§5.10, §5.28): links the ticket to the group's root instead of escalating it. The caller resolves the
     * target to its root (a ticket linked to a member is linked to the member's root), so groups stay one level
     * deep and cannot form cycles.
     *
     * @param target          the ticket staff named
     * @param root            the target's root (the target itself when it is not linked)
     * @param linkedToThis    how many tickets are linked to {@code t}: a root of its own group is not linked
     * @param openMassProblem whether the root's group has an unresolved mass problem
     */
    public Outcome link(Ticket t, Actor actor, Instant now, Ticket target, Ticket root, long linkedToThis,
                        boolean openMassProblem, String reason) {
        check(t, actor, StaffAction.LINK);
        if (root.number.equals(t.number)) {
            throw new IllegalTransitionException("Обращение № " + target.number + " само связано с обращением № "
                    + t.number + ": связь по кругу недопустима", allowed(t, actor));
        }
        if (linkedToThis > 0) {
            throw new IllegalTransitionException("С обращением № " + t.number + " уже связаны другие обращения ("
                    + linkedToThis + "): оно основное в своей группе и не связывается с другим. Свяжите обращение № "
                    + target.number + " с ним или отмените связи его обращений", allowed(t, actor));
        }
        if (!acceptsLinks(root, openMassProblem)) {
            String why = OPEN.contains(root.status)
                    ? "оно не передано на вторую или третью линию и не ожидает реализации (линия «"
                    + root.line.label() + "», статус «" + statusLabel(root) + "»)"
                    : "оно закрыто (статус «" + statusLabel(root) + "»)";
            throw new IllegalTransitionException("Обращение № " + t.number + " нельзя связать с обращением № "
                    + root.number + ": " + why + ". Связывать можно только с открытым обращением, по которому уже "
                    + "ведутся работы на второй или третьей линии", allowed(t, actor));
        }
        String r = blankToNull(reason);
        t.linkedTo = root.number;
        t.linkedAt = now;
        Outcome o = new Outcome(StaffAction.LINK.code(), actor.login(), r);
        return o.emit(TicketEventType.SIMILAR_LINKED, data(actor).relatedTicket(root.number)
                .reason(r != null ? r : "Аналогичная проблема: работы ведутся по обращению № " + root.number)
                .build());
    }

    /**
     * R15: undoes a link made by mistake; the ticket may then be escalated on its own. History only: the contract
     * has no event for it and the customer was never told about the link.
     */
    public Outcome unlink(Ticket t, Actor actor, Instant now, String reason) {
        check(t, actor, StaffAction.UNLINK);
        String r = required(reason, "reason", "Укажите, почему связь отменяется (поле reason)");
        t.linkedTo = null;
        t.linkedAt = null;
        return new Outcome(StaffAction.UNLINK.code(), actor.login(), r);
    }

    /**
     * R16: the ticket joins a mass problem (at its declaration, or linked later); a ticket still open gets
     * {@code mass_problem_declared} so that its customer is told the problem is known and being fixed.
     *
     * @param by who declared it or linked the ticket ("system" for the automatic declaration)
     */
    public Outcome joinMassProblem(Ticket t, String by, ru.getmark.support.common.event.MassProblem massProblem) {
        t.massProblemId = massProblem.id();
        Outcome o = new Outcome("mass-problem-declared", by, massProblem.title());
        if (OPEN.contains(t.status)) {
            o.emit(TicketEventType.MASS_PROBLEM_DECLARED, new DataBuilder(by).relatedTicket(massProblem.rootTicket())
                    .massProblem(massProblem).build());
        }
        return o;
    }

    /**
     * R16, R12: the mass problem is fixed — the open ticket moves to Закрытое pending the customer's confirmation,
     * exactly as a solution does (the window of 3 working days, the personal link, the auto-close), with one event,
     * {@code mass_problem_resolved}, that tells the customer it is fixed and lets them confirm. Not bound to the
     * ticket's line: whoever resolves the mass problem answers every ticket of it.
     */
    public Outcome solveByMassProblem(Ticket t, Actor actor, Instant now,
                                      ru.getmark.support.common.event.MassProblem massProblem,
                                      String confirmationUrl) {
        if (!OPEN.contains(t.status)) {
            throw new IllegalTransitionException("Обращение № " + t.number + " уже не открыто (статус «"
                    + statusLabel(t) + "»)", List.of());
        }
        String solution = required(massProblem.resolution(), "resolution",
                "Укажите, что сделано для устранения проблемы (поле resolution)");
        TicketStatus from = t.status;
        Outcome o = new Outcome("mass-problem-resolved", actor.login(), solution);
        moveTo(t, CLOSED, now, o, "Массовая проблема № " + massProblem.id() + " устранена, ожидается "
                + "подтверждение пользователя");
        t.solution = solution;
        t.answerDeadline = null;
        t.awaitingConfirmation = true;
        t.confirmationDeadline = plusWorkingDays(now, CONFIRMATION_WORKING_DAYS);
        t.closedAt = now;
        t.closeReason = null;
        return o.emit(TicketEventType.MASS_PROBLEM_RESOLVED, data(actor).previousStatus(from).solution(solution)
                .confirmationUrl(confirmationUrl).relatedTicket(massProblem.rootTicket()).massProblem(massProblem)
                .build());
    }

    // ---------------------------------------------------------------- the customer and the system

    /** What a follow-up from the customer means for the ticket (R4, R11, R12). */
    public enum FollowUpEffect {
        /** The answer to an information request: back to В работе. */
        ANSWERED,
        /** A reply within the confirmation window: the solution is not accepted, back to В работе (§5.27). */
        REOPENED,
        /** The ticket is closed for good: the service opens a new, linked ticket. */
        CLOSED_FOR_GOOD,
        /** Just recorded on the ticket. */
        RECORDED
    }

    /** Classifies a follow-up without changing anything. */
    public FollowUpEffect followUpEffect(Ticket t, Instant now) {
        if (t.status == AWAITING_USER) {
            return FollowUpEffect.ANSWERED;
        }
        if (t.status == CLOSED) {
            return inConfirmationWindow(t, now) ? FollowUpEffect.REOPENED : FollowUpEffect.CLOSED_FOR_GOOD;
        }
        return FollowUpEffect.RECORDED;
    }

    /** Applies a follow-up of the customer to an open ticket or one in its confirmation window. */
    public Outcome followUp(Ticket t, Instant now, String text) {
        Actor customer = Actor.CUSTOMER;
        TicketStatus from = t.status;
        String excerpt = blankToNull(text);
        switch (followUpEffect(t, now)) {
            case ANSWERED -> {
                Outcome o = new Outcome("follow-up", customer.login(), "Ответ пользователя на запрос сведений");
                moveTo(t, IN_PROGRESS, now, o, "Получен ответ пользователя");
                t.answerDeadline = null;
                return o.emit(TicketEventType.FOLLOW_UP_RECEIVED, data(customer).previousStatus(from).text(excerpt)
                        .build());
            }
            case REOPENED -> {
                Outcome o = new Outcome("follow-up", customer.login(), "Ответ пользователя на решение");
                reopen(t, now, o, "Пользователь ответил на решение в течение срока подтверждения");
                return o.emit(TicketEventType.REOPENED, data(customer).previousStatus(from).text(excerpt)
                        .reason("Пользователь ответил на решение в течение срока подтверждения").build());
            }
            case RECORDED -> {
                Outcome o = new Outcome("follow-up", customer.login(), null);
                return o.emit(TicketEventType.FOLLOW_UP_RECEIVED, data(customer).previousStatus(from).text(excerpt)
                        .build());
            }
            default -> throw new IllegalTransitionException("Обращение № " + t.number + " закрыто: сообщение "
                    + "пользователя открывает новое обращение", List.of());
        }
    }

    /** R12: the customer confirms the solution and rates it: Закрытое, final. */
    public Outcome confirm(Ticket t, Instant now, String rating, String comment) {
        requireConfirmationWindow(t, now);
        if (!RATING_SATISFACTORY.equals(rating) && !RATING_UNSATISFACTORY.equals(rating)) {
            throw new InvalidActionException("Выберите оценку: Удовлетворительно или Неудовлетворительно");
        }
        Outcome o = new Outcome("confirm", Actor.CUSTOMER.login(), CONFIRMED);
        t.awaitingConfirmation = false;
        t.confirmationTokenHash = null;
        t.rating = rating;
        t.ratingComment = blankToNull(comment);
        t.closeReason = CONFIRMED;
        t.closedAt = now;
        o.step(CLOSED, CLOSED, CONFIRMED);
        o.emit(TicketEventType.RATED, data(Actor.CUSTOMER).rating(rating).comment(t.ratingComment).build());
        return o.emit(TicketEventType.CLOSED, data(Actor.CUSTOMER).previousStatus(CLOSED).reason(CONFIRMED).build());
    }

    /**
     * R12: the customer confirms the solution by a message (an {@code IntakeMessage} of kind CONFIRMATION) instead of
     * the page: Закрытое, final, without a rating (the page is where ratings are given).
     */
    public Outcome confirmByMessage(Ticket t, Instant now, String text) {
        requireConfirmationWindow(t, now);
        Outcome o = new Outcome("confirm", Actor.CUSTOMER.login(), CONFIRMED);
        t.awaitingConfirmation = false;
        t.confirmationTokenHash = null;
        t.closeReason = CONFIRMED;
        t.closedAt = now;
        o.step(CLOSED, CLOSED, CONFIRMED);
        return o.emit(TicketEventType.CLOSED, data(Actor.CUSTOMER).previousStatus(CLOSED).reason(CONFIRMED)
                .text(blankToNull(text)).build());
    }

    /** A customer's message that changes nothing (e.g. a confirmation after the window): recorded and announced. */
    public Outcome recordMessage(Ticket t, String text) {
        Outcome o = new Outcome("follow-up", Actor.CUSTOMER.login(), null);
        return o.emit(TicketEventType.FOLLOW_UP_RECEIVED, data(Actor.CUSTOMER).previousStatus(t.status)
                .text(blankToNull(text)).build());
    }

    /**
     * One of our notices to the customer bounced: recorded for staff (the customer's address does not work, the first
     * line phones them), and nothing else. Whatever the status — even Закрытое for good — the status, the line, the
     * deadlines, the SLA pauses and the answer/confirmation windows stay as they are, no event is announced (no
     * notice goes to the customer: it would bounce as well) and it is not a message from the customer.
     *
     * @param diagnostic the delivery status report's diagnostic, e.g. "550 5.1.1 user unknown"
     */
    public Outcome deliveryFailed(Ticket t, Instant now, String diagnostic) {
        String reason = orElse(diagnostic, DELIVERY_FAILED);
        if (reason.length() > MAX_DIAGNOSTIC_LENGTH) {
            reason = reason.substring(0, MAX_DIAGNOSTIC_LENGTH - 1).stripTrailing() + "…";
        }
        t.deliveryFailedAt = now;
        t.deliveryFailure = reason;
        t.deliveryFailures++;
        return new Outcome(NOTICE_BOUNCED, Actor.SYSTEM.login(), reason);
    }

    /** R12: the customer does not confirm the solution: back to В работе. */
    public Outcome reject(Ticket t, Instant now, String comment) {
        requireConfirmationWindow(t, now);
        String c = blankToNull(comment);
        Outcome o = new Outcome("reject", Actor.CUSTOMER.login(), c);
        reopen(t, now, o, "Пользователь не подтвердил решение");
        return o.emit(TicketEventType.SOLUTION_REJECTED, data(Actor.CUSTOMER).previousStatus(CLOSED)
                .reason("Пользователь не подтвердил решение").comment(c).build());
    }

    /** Whether the customer may still confirm or reject the solution. */
    public static boolean inConfirmationWindow(Ticket t, Instant now) {
        return t.status == CLOSED && t.awaitingConfirmation && t.confirmationDeadline != null
                && now.isBefore(t.confirmationDeadline);
    }

    private static void requireConfirmationWindow(Ticket t, Instant now) {
        if (!inConfirmationWindow(t, now)) {
            throw new IllegalTransitionException("Решение по обращению № " + t.number
                    + " уже не ожидает подтверждения", List.of());
        }
    }

    /** Whether the auto-close job is due for the ticket (R11, R12). */
    public static boolean autoCloseDue(Ticket t, Instant now) {
        if (t.status == AWAITING_USER) {
            return t.answerDeadline != null && !now.isBefore(t.answerDeadline);
        }
        return t.status == CLOSED && t.awaitingConfirmation && t.confirmationDeadline != null
                && !now.isBefore(t.confirmationDeadline);
    }

    /** R11, R12: no answer or no reaction within 3 working days → Закрытое (final), with the reason. */
    public Outcome autoClose(Ticket t, Instant now) {
        if (!autoCloseDue(t, now)) {
            throw new IllegalTransitionException("Обращение № " + t.number + " не подлежит автоматическому закрытию",
                    List.of());
        }
        TicketStatus from = t.status;
        String reason = from == AWAITING_USER ? AUTO_CLOSE_NO_ANSWER : AUTO_CLOSE_NO_REACTION;
        Outcome o = new Outcome("auto-close", Actor.SYSTEM.login(), reason);
        if (from == AWAITING_USER) {
            moveTo(t, CLOSED, now, o, reason);
            t.answerDeadline = null;
        } else {
            o.step(CLOSED, CLOSED, reason);
        }
        t.awaitingConfirmation = false;
        t.confirmationTokenHash = null;
        t.closedAt = now;
        t.closeReason = reason;
        return o.emit(TicketEventType.CLOSED, data(Actor.SYSTEM).previousStatus(from).reason(reason).build());
    }

    // ---------------------------------------------------------------- helpers

    private void reopen(Ticket t, Instant now, Outcome o, String why) {
        moveTo(t, IN_PROGRESS, now, o, why);
        t.awaitingConfirmation = false;
        t.confirmationDeadline = null;
        t.confirmationTokenHash = null;
        t.closedAt = null;
    }

    /**
     * Changes the status, and stops or restarts the SLA clock on entering or leaving a paused status: a pause is
     * recorded, and on resumption every deadline keeps the working time left at the pause (SlaPolicy#resume).
     */
    private void moveTo(Ticket t, TicketStatus to, Instant now, Outcome o, String why) {
        TicketStatus from = t.status;
        boolean wasPaused = PAUSED.contains(from);
        boolean willPause = PAUSED.contains(to);
        if (wasPaused && t.pausedAt != null) {
            Instant resumedAt = now.isBefore(t.pausedAt) ? t.pausedAt : now;
            t.setDeadlines(policy.resume(t.deadlines(), t.pausedAt, resumedAt));
            for (TicketPause p : t.pauses) {
                if (p.endedAt == null) {
                    p.endedAt = resumedAt;
                }
            }
            t.pausedAt = null;
        }
        if (willPause) {
            t.pausedAt = now;
            TicketPause p = new TicketPause();
            p.ticket = t;
            p.status = to;
            p.startedAt = now;
            t.pauses.add(p);
        }
        t.status = to;
        o.step(from, to, why);
    }

    /** The instant {@code days} working days of the production calendar later, at the same Moscow time. */
    public Instant plusWorkingDays(Instant from, int days) {
        ZonedDateTime at = from.atZone(MoscowTime.ZONE);
        LocalDate day = at.toLocalDate();
        int counted = 0;
        while (counted < days) {
            day = day.plusDays(1);
            if (calendar.isWorkingDay(day)) {
                counted++;
            }
        }
        return at.with(day).toInstant();
    }

    /** The Appendix 2 report (R18) from the ticket and what staff added. */
    public static BugReport bugReport(Ticket t, BugReportInput in) {
        String title = blankToNull(in.title()) != null ? in.title().strip() : title(t);
        int words = wordCount(title);
        if (words < 4 || words > 8) {
            throw new InvalidActionException("Название ошибки должно состоять из 4–8 слов (сейчас " + words + ")");
        }
        String customer = (t.customerName == null ? "" : t.customerName + ", ") + "ИНН " + t.inn
                + ", обращение № " + t.number;
        return new BugReport(title,
                orElse(in.description(), orElse(t.text, t.subject)),
                customer,
                orElse(in.document(), orElse(t.process, "Не указан")),
                orElse(in.expected(), "Не указано"),
                orElse(in.actual(), orElse(t.text, "Не указано")),
                orElse(in.steps(), "Не указаны"),
                t.attachments.stream().map(TicketAttachment::toRef).toList());
    }

    /** A title of 4–8 words from the subject, padded from the text or the number when the subject is short. */
    static String title(Ticket t) {
        List<String> words = new ArrayList<>(words(t.subject));
        if (words.size() < 4) {
            for (String w : words(t.text)) {
                if (words.size() >= 4) {
                    break;
                }
                if (words.stream().noneMatch(w::equalsIgnoreCase)) {
                    words.add(w);
                }
            }
        }
        if (words.size() < 4) {
            words.addAll(List.of("по", "обращению", "№", t.number));
            if (words.size() < 4) {
                words.add(0, "Ошибка");
            }
        }
        return String.join(" ", words.subList(0, Math.min(8, words.size())));
    }

    private static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.strip().split("\\s+")).map(w -> w.replaceAll("[.,;:!?]+$", ""))
                .filter(w -> !w.isEmpty()).toList();
    }

    static int wordCount(String title) {
        return words(title).size();
    }

    private static String required(String value, String field, String message) {
        if (value == null || value.isBlank()) {
            throw new InvalidActionException(message);
        }
        return value.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static String orElse(String s, String fallback) {
        return s == null || s.isBlank() ? fallback : s.strip();
    }

    private static DataBuilder data(Actor actor) {
        return new DataBuilder(actor.login());
    }

    /** What staff add to the bug report (all optional; the rest comes from the ticket). */
    public record BugReportInput(String title, String description, String document, String expected, String actual,
                                 String steps) {
        public static final BugReportInput EMPTY = new BugReportInput(null, null, null, null, null, null);
    }

    /** Fills {@link TicketEventData}'s many optional fields readably. */
    static final class DataBuilder {
        private final String actor;
        private TicketStatus previousStatus;
        private String question;
        private String solution;
        private String reason;
        private Instant newDeadline;
        private String confirmationUrl;
        private String rating;
        private String comment;
        private SupportLine previousLine;
        private TicketType previousType;
        private Priority previousPriority;
        private String assignee;
        private String deadlineKind;
        private String text;
        private BugReport bugReport;
        private String relatedTicket;
        private ru.getmark.support.common.event.MassProblem massProblem;

        DataBuilder(String actor) {
            this.actor = actor;
        }

        DataBuilder previousStatus(TicketStatus v) { previousStatus = v; return this; }
        DataBuilder question(String v) { question = v; return this; }
        DataBuilder solution(String v) { solution = v; return this; }
        DataBuilder reason(String v) { reason = v; return this; }
        DataBuilder newDeadline(Instant v) { newDeadline = v; return this; }
        DataBuilder confirmationUrl(String v) { confirmationUrl = v; return this; }
        DataBuilder rating(String v) { rating = v; return this; }
        DataBuilder comment(String v) { comment = v; return this; }
        DataBuilder previousLine(SupportLine v) { previousLine = v; return this; }
        DataBuilder previousType(TicketType v) { previousType = v; return this; }
        DataBuilder previousPriority(Priority v) { previousPriority = v; return this; }
        DataBuilder assignee(String v) { assignee = v; return this; }
        DataBuilder text(String v) { text = v; return this; }
        DataBuilder deadlineKind(String v) { deadlineKind = v; return this; }
        DataBuilder bugReport(BugReport v) { bugReport = v; return this; }
        DataBuilder relatedTicket(String v) { relatedTicket = v; return this; }
        DataBuilder massProblem(ru.getmark.support.common.event.MassProblem v) { massProblem = v; return this; }

        TicketEventData build() {
            return new TicketEventData(actor, previousStatus, question, solution, reason, newDeadline,
                    confirmationUrl, rating, comment, previousLine, previousType, previousPriority, assignee,
                    deadlineKind, relatedTicket, text, bugReport, massProblem);
        }
    }
}
