package ru.getmark.support.ticket.domain.lifecycle;

import com.fasterxml.jackson.annotation.JsonProperty;
import ru.getmark.support.common.event.TicketStatus;

import java.util.EnumSet;
import java.util.Set;

import static ru.getmark.support.common.event.TicketStatus.AWAITING_IMPLEMENTATION;
import static ru.getmark.support.common.event.TicketStatus.AWAITING_USER;
import static ru.getmark.support.common.event.TicketStatus.IN_PROGRESS;
import static ru.getmark.support.common.event.TicketStatus.NEW;

/**
 * What support staff can do with a ticket (R6–R15), with the statuses each action starts from. The JSON/path code
 * ("take", "request-info", ...) is the name in {@code POST /api/tickets/{n}/actions/{code}}.
 */
public enum StaffAction {
    @JsonProperty("take") TAKE("take", "Взять в работу", EnumSet.of(NEW)),
    @JsonProperty("request-info") REQUEST_INFO("request-info", "Запросить сведения у пользователя",
            EnumSet.of(IN_PROGRESS)),
    @JsonProperty("solve") SOLVE("solve", "Предоставить решение", EnumSet.of(IN_PROGRESS)),
    @JsonProperty("refuse") REFUSE("refuse", "Отказать в рассмотрении", EnumSet.of(NEW, IN_PROGRESS)),
    @JsonProperty("await-implementation") AWAIT_IMPLEMENTATION("await-implementation",
            "Перевести в «Ожидается реализация»", EnumSet.of(IN_PROGRESS)),
    @JsonProperty("resume") RESUME("resume", "Вернуть в работу", EnumSet.of(AWAITING_USER, AWAITING_IMPLEMENTATION)),
    @JsonProperty("route-to-developers") ROUTE_TO_DEVELOPERS("route-to-developers", "Передать разработчикам",
            EnumSet.of(IN_PROGRESS)),
    @JsonProperty("extend-deadline") EXTEND_DEADLINE("extend-deadline", "Продлить срок", Lifecycle.OPEN),
    @JsonProperty("change-priority") CHANGE_PRIORITY("change-priority", "Изменить приоритет", Lifecycle.OPEN),
    @JsonProperty("reclassify") RECLASSIFY("reclassify", "Изменить тип", Lifecycle.OPEN),
    @JsonProperty("escalate") ESCALATE("escalate", "Передать на следующую линию", EnumSet.of(NEW, IN_PROGRESS)),
    @JsonProperty("return") RETURN("return", "Вернуть на предыдущую линию", EnumSet.of(NEW, IN_PROGRESS)),
    @JsonProperty("assign") ASSIGN("assign", "Назначить исполнителя (третья линия)", Lifecycle.OPEN),
    /** R15: link to the open, escalated ticket with the same problem instead of escalating again (§5.10, §5.28). */
    @JsonProperty("link") LINK("link", "Связать с обращением по аналогичной проблеме", EnumSet.of(NEW, IN_PROGRESS)),
    /** R15: undo a link made by mistake (the ticket may then be escalated on its own). */
    @JsonProperty("unlink") UNLINK("unlink", "Отменить связь с обращением по аналогичной проблеме", Lifecycle.OPEN);

    private final String code;
    private final String label;
    private final Set<TicketStatus> from;

    StaffAction(String code, String label, Set<TicketStatus> from) {
        this.code = code;
        this.label = label;
        this.from = from;
    }

    public String code() {
        return code;
    }

    /** Russian name for error messages. */
    public String label() {
        return label;
    }

    /** Statuses the action may start from (further conditions, e.g. the line, in {@link Lifecycle#allowed}). */
    public Set<TicketStatus> from() {
        return from;
    }

    public static java.util.Optional<StaffAction> ofCode(String code) {
        for (StaffAction a : values()) {
            if (a.code.equals(code)) {
                return java.util.Optional.of(a);
            }
        }
        return java.util.Optional.empty();
    }
}
