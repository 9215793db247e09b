package ru.getmark.support.phone.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The body of {@code POST /api/calls}, for the OpenAPI document only: the resource reads the JSON itself (see
 * {@code CallRequestReader}) so that every problem is reported by field, in Russian.
 */
@Schema(name = "CallRequest", description = "Звонок клиента, записанный оператором первой линии")
public record CallRequest(
        @Schema(required = true, description = "ИНН организации (10 цифр) или ИП (12 цифр)", example = "7707083893")
        String inn,
        @Schema(required = true, maxLength = 300, description = "ФИО клиента или название организации")
        String customerName,
        @Schema(required = true, maxLength = 254, description = "Email клиента: сюда придёт уведомление о регистрации")
        String email,
        @Schema(required = true, description = "Телефон клиента; 10–15 цифр, приводится к E.164",
                example = "8 (925) 950-91-18")
        String phone,
        @Schema(enumeration = {"consultation", "software_bug", "change_request", "data_correction"},
                description = "Тип обращения, если известен")
        String type,
        @Schema(maxLength = 300, description = "Процесс GetMark, к которому относится обращение")
        String process,
        @Schema(enumeration = {"stops_operations", "hinders_operations", "no_effect"},
                description = "Влияние на работу клиента")
        String impact,
        @Schema(maxLength = 300, description = "Тема; по умолчанию — первые слова описания")
        String subject,
        @Schema(required = true, maxLength = 20000, description = "Что произошло: шаги, текст ошибки, документ")
        String description) {
}
