package ru.getmark.support.notifier.service;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.notifier.config.MailConfig;
import ru.getmark.support.notifier.domain.EmailNotice;
import ru.getmark.support.notifier.domain.MessageIds;
import ru.getmark.support.notifier.domain.NoticeKind;

import java.time.Instant;
import java.util.function.Supplier;

/**
 * Fills the Appendix 1 wording in. One Qute template per notice, {@code templates/NoticeRenderer/<notice>.txt} with
 * the regulation's text word for word, and {@code <notice>.html} with the same words as HTML (Qute escapes the
 * customer's name there).
 */
@ApplicationScoped
public class NoticeRenderer {

    /**
     * Said instead of a date where the regulation gives no deadline: a Критический ticket is worked on "as fast as
     * possible" (R7), so ticket-service sends no resolution deadline for it.
     */
    static final String NO_DEADLINE = "в кратчайшие сроки";

    /** Greeting when an adapter sent no name at all (the contract says it always does). */
    static final String NO_NAME = "Пользователь";

    @CheckedTemplate
    static class Templates {
        /** "Регистрация Обращения". */
        static native TemplateInstance registration(String name, String number, String registeredAt,
                                                    String deadline);

        /** "Передача Обращения на рассмотрение разработчикам". */
        static native TemplateInstance routedToDevelopers(String name, String number);

        /** "Запрос дополнительных сведений при рассмотрении Обращения"; {@code question} replaces "(Текст запроса…)". */
        static native TemplateInstance informationRequest(String name, String number, String question);

        /** "Предоставление решения по Обращению"; the solution text, then the personal confirmation link. */
        static native TemplateInstance solution(String name, String number, String solution, String confirmationUrl);

        /** "Информация о необходимости доработки ПО по Обращению". */
        static native TemplateInstance rework(String name, String number);

        /** "Информация об отказе в рассмотрении Обращения" (the regulation's text has no reason line). */
        static native TemplateInstance refusal(String name, String number);

        /** "Информация об изменении сроков рассмотрения Обращения"; the reason, then the new date (дд.мм.гггг). */
        static native TemplateInstance deadlineChange(String name, String number, String reason, String deadline);

        /** Closed automatically: the requested information did not come within 3 working days. */
        static native TemplateInstance closedNoAnswer(String name, String number);

        /** Closed automatically: the solution was neither confirmed nor returned within 3 working days. */
        static native TemplateInstance closedAfterSolution(String name, String number);

        /** The rating was received; {@code rating} is its Russian label, {@code comment} may be null. */
        static native TemplateInstance ratingReceived(String name, String number, String rating, String comment);
    }

    private final String messageIdDomain;

    public NoticeRenderer(MailConfig mail) {
        this.messageIdDomain = MessageIds.domainOf(mail.from());
    }

    /** The email of one notice of an event, addressed to {@code recipient}. */
    public EmailNotice email(NoticeKind kind, TicketEvent event, String recipient) {
        TicketSnapshot ticket = event.ticket();
        String name = ticket.customer() == null ? null : ticket.customer().name();
        TicketEventData data = event.data();
        Supplier<TemplateInstance> template = switch (kind) {
            case REGISTRATION -> () -> Templates.registration(greeting(name), ticket.number(),
                    MoscowTime.format(registeredAt(event)), deadline(ticket.deadlines()));
            case ROUTED_TO_DEVELOPERS -> () -> Templates.routedToDevelopers(greeting(name), ticket.number());
            case INFORMATION_REQUEST -> () -> Templates.informationRequest(greeting(name), ticket.number(),
                    text(data == null ? null : data.question()));
            case SOLUTION -> () -> Templates.solution(greeting(name), ticket.number(),
                    text(data == null ? null : data.solution()), text(data == null ? null : data.confirmationUrl()));
            case REWORK -> () -> Templates.rework(greeting(name), ticket.number());
            case REFUSAL -> () -> Templates.refusal(greeting(name), ticket.number());
            case DEADLINE_CHANGE -> () -> Templates.deadlineChange(greeting(name), ticket.number(),
                    text(data == null ? null : data.reason()), newDeadlineDate(event));
            case CLOSED_NO_ANSWER -> () -> Templates.closedNoAnswer(greeting(name), ticket.number());
            case CLOSED_AFTER_SOLUTION -> () -> Templates.closedAfterSolution(greeting(name), ticket.number());
            case RATING_RECEIVED -> () -> Templates.ratingReceived(greeting(name), ticket.number(),
                    ratingLabel(data == null ? null : data.rating()), text(data == null ? null : data.comment()));
        };
        return new EmailNotice(
                event.eventId(),
                kind,
                ticket.number(),
                recipient,
                name,
                kind.subject(ticket.number()),
                template.get().setVariant(Variant.forContentType(Variant.TEXT_PLAIN)).render(),
                template.get().setVariant(Variant.forContentType(Variant.TEXT_HTML)).render(),
                MessageIds.forNotice(kind, event.eventId(), messageIdDomain));
    }

    private static String greeting(String name) {
        return name == null || name.isBlank() ? NO_NAME : name.strip();
    }

    private static Instant registeredAt(TicketEvent event) {
        return event.ticket().registeredAt() != null ? event.ticket().registeredAt() : event.occurredAt();
    }

    private static String deadline(Deadlines deadlines) {
        return deadlines == null || deadlines.resolution() == null
                ? NO_DEADLINE
                : MoscowTime.format(deadlines.resolution());
    }

    /** Blank is absent: the template then leaves the line out instead of printing an empty paragraph. */
    private static String text(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The new resolution deadline as a date, as Appendix 1 writes it ("дд.мм.гггг"): the event's own new deadline,
     * else the ticket's current one, else «в кратчайшие сроки».
     */
    private static String newDeadlineDate(TicketEvent event) {
        Instant deadline = event.data() != null && event.data().newDeadline() != null
                ? event.data().newDeadline()
                : event.ticket().deadlines() == null ? null : event.ticket().deadlines().resolution();
        return deadline == null ? NO_DEADLINE : MoscowTime.formatDate(deadline);
    }

    /** The rating as the confirmation page names it (ticket-service's choices). */
    private static String ratingLabel(String rating) {
        if ("satisfactory".equals(rating)) {
            return "Удовлетворительно";
        }
        if ("unsatisfactory".equals(rating)) {
            return "Неудовлетворительно";
        }
        return null;
    }
}
