package ru.getmark.support.ticket.service;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import ru.getmark.support.common.event.Priority;
import ru.getmark.support.common.event.TicketType;

import java.time.Instant;

/**
 * The body of a staff action; each action reads only its own fields (see the API description) and says which one
 * is missing.
 */
@Schema(description = "Тело действия над обращением: каждое действие читает только свои поля")
public record ActionRequest(
        @Schema(description = "Причина (refuse, await-implementation, resume, extend-deadline, change-priority, "
                + "reclassify, escalate, return, unlink; необязательна для link)",
                examples = "Требуется экспертиза второй линии")
        String reason,
        @Schema(description = "Вопрос пользователю (request-info)", examples = "Пришлите, пожалуйста, скриншот ошибки")
        String question,
        @Schema(description = "Решение или шаги (solve)", examples = "Переустановите сертификат и повторите отправку")
        String solution,
        @Schema(description = "Новый срок решения, ISO-8601 (extend-deadline)", examples = "2026-12-30T15:00:00Z")
        Instant newDeadline,
        @Schema(description = "Новый приоритет (change-priority)", examples = "critical")
        Priority priority,
        @Schema(description = "Новый тип (reclassify)", examples = "software_bug")
        TicketType type,
        @Schema(description = "Роль исполнителя третьей линии (assign): manager, tester, analyst, developer",
                examples = "developer")
        String role,
        @Schema(description = "Исполнитель (assign)", examples = "Иванов И. И.")
        String name,
        @Schema(description = "Отчёт об ошибке (route-to-developers), все поля необязательны")
        BugReportFields bugReport,
        @Schema(description = "Номер обращения с той же проблемой, по которому уже ведутся работы (link)",
                examples = "1000")
        String ticket) {

    /** What staff add to the Appendix 2 report; the rest comes from the ticket. */
    public record BugReportFields(
            @Schema(description = "Название, 4–8 слов; по умолчанию из темы обращения") String title,
            String description, String document, String expected, String actual, String steps) {
    }

    public static ActionRequest empty() {
        return new ActionRequest(null, null, null, null, null, null, null, null, null, null);
    }
}
