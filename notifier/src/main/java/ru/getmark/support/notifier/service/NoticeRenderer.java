package ru.getmark.support.notifier.service;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import ru.getmark.support.common.event.BugReport;
import ru.getmark.support.common.event.Channel;
import ru.getmark.support.common.event.ChannelAction;
import ru.getmark.support.common.event.ChannelNotice;
import ru.getmark.support.common.event.Deadlines;
import ru.getmark.support.common.event.MassProblem;
import ru.getmark.support.common.event.TicketEvent;
import ru.getmark.support.common.event.TicketEventData;
import ru.getmark.support.common.event.TicketSnapshot;
import ru.getmark.support.common.mail.TicketThread;
import ru.getmark.support.common.time.MoscowTime;
import ru.getmark.support.notifier.config.MailConfig;
import ru.getmark.support.notifier.domain.EmailAddresses;
import ru.getmark.support.notifier.domain.EmailNotice;
import ru.getmark.support.notifier.domain.Medium;
import ru.getmark.support.notifier.domain.NoticeKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Fills the notices in. One Qute template per notice, {@code templates/NoticeRenderer/<notice>.txt} with the
 * regulation's text word for word, and {@code <notice>.html} with the same words as HTML (Qute escapes the
 * customer's name and texts there). A chat notice is the plain text of the same template with {@code chat = true},
 * which leaves out what only makes sense in an email ("do not reply to this letter", "reply without changing the
 * subject"); its buttons stand in for the email's instructions.
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

    /** Button labels of the chat notices. */
    static final String CONFIRM_LABEL = "Проблема решена";
    static final String REJECT_LABEL = "Проблема не решена";
    static final String CONFIRMATION_PAGE_LABEL = "Подтвердить решение и оценить работу";
    static final String ANSWER_LABEL = "Ответить";
    static final String OPEN_TICKET_LABEL = "Открыть обращение";

    @CheckedTemplate
    static class Templates {
        /** "Регистрация Обращения". */
        static native TemplateInstance registration(String name, String number, String registeredAt,
                                                    String deadline, boolean chat);

        /** "Передача Обращения на рассмотрение разработчикам". */
        static native TemplateInstance routedToDevelopers(String name, String number, boolean chat);

        /** "Запрос дополнительных сведений при рассмотрении Обращения"; {@code question} replaces "(Текст запроса…)". */
        static native TemplateInstance informationRequest(String name, String number, String question, boolean chat);

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

        /** §5.15: the problem is known to be a mass one and is being fixed; {@code title} is the mass problem's. */
        static native TemplateInstance massProblemDeclared(String name, String number, String title);

        /** §5.15: the mass problem is fixed; what was done, and the confirmation link when the ticket has one. */
        static native TemplateInstance massProblemResolved(String name, String number, String title,
                                                           String resolution, String confirmationUrl);

        /** Appendix 2: the duty chat's "#Пожар" post. Plain text only. */
        static native TemplateInstance fireAlarm(String title, String description, String customer,
                                                 String document, String number, String link);
    }

    private final String domain;
    private final String staffUrl;

    public NoticeRenderer(MailConfig mail,
                          @ConfigProperty(name = "getmark.staff-url", defaultValue = "http://localhost:8080")
                          String staffUrl) {
        this.domain = EmailAddresses.domainOf(mail.from());
        this.staffUrl = staffUrl.endsWith("/") ? staffUrl.substring(0, staffUrl.length() - 1) : staffUrl;
    }

    /** The email of one notice of an event, addressed to {@code recipient}. */
    public EmailNotice email(NoticeKind kind, TicketEvent event, String recipient) {
        TicketSnapshot ticket = event.ticket();
        return new EmailNotice(
                event.eventId(),
                kind,
                ticket.number(),
                recipient,
                nameOf(ticket),
                kind.subject(ticket.number()),
                template(kind, event, false).setVariant(Variant.forContentType(Variant.TEXT_PLAIN)).render(),
                template(kind, event, false).setVariant(Variant.forContentType(Variant.TEXT_HTML)).render(),
                TicketThread.noticeId(kind.code(), ticket.number(), event.eventId(), domain),
                TicketThread.root(ticket.number(), domain));
    }

    /** The same notice for the customer's chat: the email's plain text without the email-only parts, plus buttons. */
    public ChannelNotice chat(NoticeKind kind, TicketEvent event, Medium medium, String address, Instant now) {
        TicketSnapshot ticket = event.ticket();
        TicketEventData data = event.data();
        String text = template(kind, event, true).setVariant(Variant.forContentType(Variant.TEXT_PLAIN)).render();
        List<ChannelAction> actions = new ArrayList<>();
        switch (kind) {
            case SOLUTION -> confirmationActions(actions, text(data == null ? null : data.confirmationUrl()));
            case MASS_PROBLEM_RESOLVED -> {
                String url = text(data == null ? null : data.confirmationUrl());
                if (url != null) {
                    confirmationActions(actions, url);
                }
            }
            case INFORMATION_REQUEST -> actions.add(ChannelAction.of(ChannelAction.ANSWER, ANSWER_LABEL));
            default -> {
            }
        }
        return new ChannelNotice(ChannelNotice.SCHEMA, chatNoticeId(kind, event, medium.channel(), address),
                event.eventId(), ticket.number(), kind.code(), ChannelNotice.Audience.CUSTOMER, medium.channel(),
                address, text.strip(), actions, now);
    }

    /**
     * The Appendix 2 "#Пожар" post for the duty chat: the tag, the short title (the bug report's, else the ticket's
     * subject), the description (the bug report's, else what the event says about it: the customer's text or the
     * reason the priority was raised, else the subject), the customer, the document when a bug report names one,
     * and the link to the ticket in the staff API (there is no console yet).
     */
    public ChannelNotice fireAlarm(TicketEvent event, String chatId, Instant now) {
        TicketSnapshot ticket = event.ticket();
        TicketEventData data = event.data();
        BugReport report = data == null ? null : data.bugReport();
        String subject = text(ticket.subject());
        String title = firstOf(report == null ? null : report.title(), subject, "Обращение № " + ticket.number());
        String description = firstOf(report == null ? null : report.description(),
                data == null ? null : data.text(), data == null ? null : data.reason(), subject, "—");
        String link = ticketLink(ticket.number());
        String text = Templates.fireAlarm(title, description, nameOf(ticket) == null ? NO_NAME : nameOf(ticket),
                report == null ? null : text(report.document()), ticket.number(), link).render();
        return new ChannelNotice(ChannelNotice.SCHEMA,
                chatNoticeId(NoticeKind.FIRE_ALARM, event, Channel.TELEGRAM, chatId), event.eventId(),
                ticket.number(), NoticeKind.FIRE_ALARM.code(), ChannelNotice.Audience.DUTY_CHAT, Channel.TELEGRAM,
                chatId, text.strip(), List.of(ChannelAction.link(OPEN_TICKET_LABEL, link)), now);
    }

    /** The staff link of a ticket: {@code getmark.staff-url} + {@code /api/tickets/<n>}. */
    public String ticketLink(String number) {
        return staffUrl + "/api/tickets/" + number;
    }

    /**
     * Stable per (event, notice, recipient): {@code <notice>.<eventId>.<channel>.<address>}. Adapters deliver each
     * id once, so a chat notice published again (Kafka acknowledged it, our commit failed) is shown once.
     */
    static String chatNoticeId(NoticeKind kind, TicketEvent event, Channel channel, String address) {
        return kind.code() + "." + event.eventId() + "." + channel.name().toLowerCase(Locale.ROOT) + "." + address;
    }

    private static void confirmationActions(List<ChannelAction> actions, String confirmationUrl) {
        actions.add(ChannelAction.of(ChannelAction.CONFIRM_SOLUTION, CONFIRM_LABEL));
        actions.add(ChannelAction.of(ChannelAction.REJECT_SOLUTION, REJECT_LABEL));
        if (confirmationUrl != null) {
            actions.add(ChannelAction.link(CONFIRMATION_PAGE_LABEL, confirmationUrl));
        }
    }

    private static TemplateInstance template(NoticeKind kind, TicketEvent event, boolean chat) {
        TicketSnapshot ticket = event.ticket();
        TicketEventData data = event.data();
        String name = greeting(nameOf(ticket));
        String number = ticket.number();
        MassProblem problem = data == null ? null : data.massProblem();
        return switch (kind) {
            case REGISTRATION -> Templates.registration(name, number, MoscowTime.format(registeredAt(event)),
                    deadline(ticket.deadlines()), chat);
            case ROUTED_TO_DEVELOPERS -> Templates.routedToDevelopers(name, number, chat);
            case INFORMATION_REQUEST -> Templates.informationRequest(name, number,
                    text(data == null ? null : data.question()), chat);
            case SOLUTION -> Templates.solution(name, number, text(data == null ? null : data.solution()),
                    text(data == null ? null : data.confirmationUrl()));
            case REWORK -> Templates.rework(name, number);
            case REFUSAL -> Templates.refusal(name, number);
            case DEADLINE_CHANGE -> Templates.deadlineChange(name, number, text(data == null ? null : data.reason()),
                    newDeadlineDate(event));
            case CLOSED_NO_ANSWER -> Templates.closedNoAnswer(name, number);
            case CLOSED_AFTER_SOLUTION -> Templates.closedAfterSolution(name, number);
            case RATING_RECEIVED -> Templates.ratingReceived(name, number,
                    ratingLabel(data == null ? null : data.rating()), text(data == null ? null : data.comment()));
            case MASS_PROBLEM_DECLARED -> Templates.massProblemDeclared(name, number,
                    text(problem == null ? null : problem.title()));
            case MASS_PROBLEM_RESOLVED -> Templates.massProblemResolved(name, number,
                    text(problem == null ? null : problem.title()),
                    text(problem == null ? null : problem.resolution()),
                    text(data == null ? null : data.confirmationUrl()));
            case FIRE_ALARM -> throw new IllegalArgumentException("the #Пожар post is not a customer notice");
        };
    }

    private static String nameOf(TicketSnapshot ticket) {
        return ticket.customer() == null ? null : text(ticket.customer().name());
    }

    private static String greeting(String name) {
        return name == null ? NO_NAME : name;
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

    private static String firstOf(String... values) {
        for (String value : values) {
            if (text(value) != null) {
                return text(value);
            }
        }
        return null;
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
