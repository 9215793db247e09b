package ru.getmark.support.notifier.domain;

import ru.getmark.support.common.event.TicketEventType;

import java.util.List;

/**
 * The notices of Appendix 1 the notifier knows how to send. {@link #code()} is stable: it is stored in
 * {@code sent_notice.notice}, written into Message-IDs and used as a metric label, so never rename one.
 * <p>
 * Only the registration notice exists yet; the others of Appendix 1 (routed to developers, information request,
 * solution, rework, refusal, deadline change) are added here with a template method each.
 */
public enum NoticeKind {

    /** "Регистрация Обращения" (R2). */
    REGISTRATION("registration", "Регистрация Обращения");

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

    /** The notices an event of this type produces; empty when the notifier has nothing to say about it. */
    public static List<NoticeKind> forEvent(TicketEventType type) {
        return switch (type) {
            case REGISTERED -> List.of(REGISTRATION);
            default -> List.of();
        };
    }
}
