package ru.getmark.support.notifier.domain;

import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketEventType;
import ru.getmark.support.common.event.TicketStatus;

import java.util.List;

/**
 * The notices the notifier sends. {@link #code()} is stable: it is stored in {@code notice_delivery.notice}, written
 * into Message-IDs and chat notice ids and used as a metric label, so never rename one (nor the constant: it is in
 * the stored email payloads).
 * <p>
 * Titles of the Appendix 1 notices are its headings word for word; the notices Appendix 1 does not have (closures
 * without the customer, rating confirmation, the mass problem notices of §5.15) are written in the same voice.
 * {@link #FIRE_ALARM} is not a customer notice: it is the Appendix 2 post to the duty chat (see {@link FireAlarm}).
 */
public enum NoticeKind {

    /** "Регистрация Обращения" (R2). */
    REGISTRATION("registration", "Регистрация Обращения"),

    /** "Передача Обращения на рассмотрение разработчикам" (R14). */
    ROUTED_TO_DEVELOPERS("routed_to_developers", "Передача Обращения на рассмотрение разработчикам"),

    /** "Запрос дополнительных сведений при рассмотрении Обращения" (R11). */
    INFORMATION_REQUEST("information_request", "Запрос дополнительных сведений при рассмотрении Обращения"),

    /** "Предоставление решения по Обращению" (R12), with the personal confirmation link. */
    SOLUTION("solution", "Предоставление решения по Обращению"),

    /** "Информация о необходимости доработки ПО по Обращению" (R14). */
    REWORK("rework", "Информация о необходимости доработки ПО по Обращению"),

    /** "Информация об отказе в рассмотрении Обращения". */
    REFUSAL("refusal", "Информация об отказе в рассмотрении Обращения"),

    /** "Информация об изменении сроков рассмотрения Обращения" (R10). */
    DEADLINE_CHANGE("deadline_change", "Информация об изменении сроков рассмотрения Обращения"),

    /** Closed automatically: no answer to an information request within 3 working days (R11). Not in Appendix 1. */
    CLOSED_NO_ANSWER("closed_no_answer", "Закрытие Обращения в связи с отсутствием ответа"),

    /** Closed automatically: no reaction to a solution within 3 working days (R12). Not in Appendix 1. */
    CLOSED_AFTER_SOLUTION("closed_after_solution", "Закрытие Обращения после предоставления решения"),

    /** The customer's rating was received (R12, section 6). Not in Appendix 1. */
    RATING_RECEIVED("rating_received", "Оценка работы по Обращению получена"),

    /** A mass problem was declared and the ticket belongs to it: known, being fixed (R16, §5.15). */
    MASS_PROBLEM_DECLARED("mass_problem_declared", "Информация о возникновении массовой проблемы"),

    /** The mass problem the ticket belongs to was fixed (R16, §5.15). */
    MASS_PROBLEM_RESOLVED("mass_problem_resolved", "Информация об устранении массовой проблемы"),

    /** The "#Пожар" post of Appendix 2 to the duty chat when a ticket becomes Критический (R18). Never emailed. */
    FIRE_ALARM("fire_alarm", "#Пожар");

    /** The actor ticket-service puts in the data of what its jobs do on their own. */
    private static final String SYSTEM_ACTOR = "system";

    private final String code;
    private final String title;

    NoticeKind(String code, String title) {
        this.code = code;
        this.title = title;
    }

    public String code() {
        return code;
    }

    /** The notice's heading in Appendix 1; the email subject is this plus {@code № <number>}. */
    public String title() {
        return title;
    }

    /** Subject of the email: contains {@code № <number>} so that a reply threads back to the ticket (R20). */
    public String subject(String ticketNumber) {
        return title + " № " + ticketNumber;
    }

    /**
     * The notices an event of this type produces when its data is not looked at; empty when the notifier has
     * nothing to say. A {@code closed} event needs its data: see {@link #forEvent(TicketEventType, TicketEventData)}.
     */
    public static List<NoticeKind> forEvent(TicketEventType type) {
        return forEvent(type, null);
    }

    /**
     * The customer notices an event produces (the #Пожар post is decided by {@link FireAlarm}). A {@code closed} event only tells the customer something new when the system
     * closed the ticket on its own (actor {@code system}): after an unanswered information request (previous status
     * Ожидает ответа пользователя) or after an unconfirmed solution (previous status Закрытое, pending
     * confirmation). A closure by the customer's confirmation is acknowledged by the {@code rated} notice; a refusal
     * has its own {@code refused} event.
     */
    public static List<NoticeKind> forEvent(TicketEventType type, TicketEventData data) {
        if (type == TicketEventType.CLOSED) {
            if (data == null || !SYSTEM_ACTOR.equals(data.actor())) {
                return List.of();
            }
            if (data.previousStatus() == TicketStatus.AWAITING_USER) {
                return List.of(CLOSED_NO_ANSWER);
            }
            if (data.previousStatus() == TicketStatus.CLOSED) {
                return List.of(CLOSED_AFTER_SOLUTION);
            }
            return List.of();
        }
        return switch (type) {
            case RATED -> List.of(RATING_RECEIVED);
            case REGISTERED -> List.of(REGISTRATION);
            case ROUTED_TO_DEVELOPERS -> List.of(ROUTED_TO_DEVELOPERS);
            case INFORMATION_REQUESTED -> List.of(INFORMATION_REQUEST);
            case SOLUTION_PROVIDED -> List.of(SOLUTION);
            case AWAITING_IMPLEMENTATION -> List.of(REWORK);
            case REFUSED -> List.of(REFUSAL);
            case DEADLINE_CHANGED -> List.of(DEADLINE_CHANGE);
            case MASS_PROBLEM_DECLARED -> List.of(MASS_PROBLEM_DECLARED);
            case MASS_PROBLEM_RESOLVED -> List.of(MASS_PROBLEM_RESOLVED);
            // similar_linked (R15), staff-side changes, SLA alerts and types this build does not know: no notice.
            default -> List.of();
        };
    }
}
