package ru.getmark.support.notifier.service;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.TicketEvent;
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
    }

    private final String messageIdDomain;

    public NoticeRenderer(MailConfig mail) {
        this.messageIdDomain = MessageIds.domainOf(mail.from());
    }

    /** The email of one notice of an event, addressed to {@code recipient}. */
    public EmailNotice email(NoticeKind kind, TicketEvent event, String recipient) {
        TicketSnapshot ticket = event.ticket();
        String name = ticket.customer() == null ? null : ticket.customer().name();
        Supplier<TemplateInstance> template = switch (kind) {
            case REGISTRATION -> () -> Templates.registration(greeting(name), ticket.number(),
                    MoscowTime.format(registeredAt(event)), deadline(ticket.deadlines()));
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
}
