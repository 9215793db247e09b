package ru.getmark.support.phone.domain;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.inn.Inn;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CallValidatorTest {

    static final String INN = "7707083893";

    static CallForm valid() {
        return new CallForm(" 7707083893 ", "ООО «Ромашка», Иванов Иван", "ivanov@romashka.ru", "8 (925) 950-91-18",
                "software_bug", "Отгрузка", "stops_operations", null, "Не отправляется УПД: ошибка подписи.");
    }

    static CallForm with(CallForm f, String field, String value) {
        return new CallForm(
                field.equals("inn") ? value : f.inn(),
                field.equals("customerName") ? value : f.customerName(),
                field.equals("email") ? value : f.email(),
                field.equals("phone") ? value : f.phone(),
                field.equals("type") ? value : f.type(),
                field.equals("process") ? value : f.process(),
                field.equals("impact") ? value : f.impact(),
                field.equals("subject") ? value : f.subject(),
                field.equals("description") ? value : f.description());
    }

    static List<String> fields(CallValidator.Result result) {
        return result.violations().stream().map(Violation::field).toList();
    }

    @Test
    void validCallIsNormalised() {
        CallValidator.Result result = CallValidator.validate(valid(), List.of());
        assertThat(result.violations()).isEmpty();
        assertThat(result.call()).isEqualTo(new ValidatedCall(INN, "ООО «Ромашка», Иванов Иван",
                "ivanov@romashka.ru", "+79259509118", TicketType.SOFTWARE_BUG, "Отгрузка", Impact.STOPS_OPERATIONS,
                "Не отправляется УПД: ошибка подписи.", "Не отправляется УПД: ошибка подписи."));
    }

    @Test
    void optionalFieldsMayBeAbsentOrBlank() {
        CallForm form = new CallForm(INN, "Иванов", "ivanov@romashka.ru", "+79259509118", "", null, "  ",
                "Тема звонка", "Вопрос по тарифу");
        CallValidator.Result result = CallValidator.validate(form, List.of());
        assertThat(result.call().type()).isNull();
        assertThat(result.call().impact()).isNull();
        assertThat(result.call().process()).isNull();
        assertThat(result.call().subject()).isEqualTo("Тема звонка");
    }

    @Test
    void codesAreReadCaseInsensitively() {
        CallValidator.Result result = CallValidator.validate(
                with(with(valid(), "type", " Data_Correction "), "impact", "NO_EFFECT"), List.of());
        assertThat(result.call().type()).isEqualTo(TicketType.DATA_CORRECTION);
        assertThat(result.call().impact()).isEqualTo(Impact.NO_EFFECT);
    }

    @Test
    @DisplayName("R1: a bad ИНН, a missing description and a malformed email are all reported at once")
    void reportsEveryProblem() {
        CallForm form = with(with(with(valid(), "inn", "7707083894"), "description", "  "), "email", "ivanov@");
        CallValidator.Result result = CallValidator.validate(form, List.of());
        assertThat(result.isValid()).isFalse();
        assertThat(result.violations()).containsExactly(
                new Violation("inn", Inn.Problem.CHECK_DIGIT.message()),
                new Violation("email", EmailAddresses.MALFORMED),
                new Violation("description",
                        "Опишите проблему: что произошло, шаги, текст ошибки, название документа."));
        assertThat(result.reason()).isEqualTo(RejectedIntake.Reason.INVALID_INN);
    }

    @Test
    @DisplayName("R1: a missing ИНН is refused with reason MISSING_INN")
    void missingInn() {
        CallValidator.Result result = CallValidator.validate(with(valid(), "inn", null), List.of());
        assertThat(result.violations()).containsExactly(new Violation("inn", Inn.Problem.MISSING.message()));
        assertThat(result.reason()).isEqualTo(RejectedIntake.Reason.MISSING_INN);
    }

    @Test
    void everyRequiredFieldIsNamedWhenEverythingIsMissing() {
        CallValidator.Result result = CallValidator.validate(CallForm.empty(), List.of());
        assertThat(fields(result)).containsExactly("inn", "customerName", "email", "phone", "description");
    }

    @Test
    void otherProblemsAreInvalidInput() {
        CallValidator.Result result = CallValidator.validate(with(valid(), "phone", "12-34"), List.of());
        assertThat(result.violations()).containsExactly(new Violation("phone", PhoneNumbers.BAD_LENGTH));
        assertThat(result.reason()).isEqualTo(RejectedIntake.Reason.INVALID_INPUT);
    }

    @Test
    void unknownTypeNamesTheFieldAndListsTheAllowedValues() {
        CallValidator.Result result = CallValidator.validate(with(valid(), "type", "bug"), List.of());
        assertThat(fields(result)).containsExactly("type");
        assertThat(result.violations().get(0).message())
                .startsWith("Неизвестный тип обращения «bug»")
                .contains("consultation (Консультация)", "software_bug (Ошибка ПО)",
                        "change_request (Запрос на изменение)", "data_correction (Корректировка данных)");
    }

    @Test
    void unknownImpactNamesTheFieldAndListsTheAllowedValues() {
        CallValidator.Result result = CallValidator.validate(with(valid(), "impact", "критично"), List.of());
        assertThat(fields(result)).containsExactly("impact");
        assertThat(result.violations().get(0).message())
                .contains("stops_operations", "hinders_operations", "no_effect");
    }

    @Test
    void overlongFieldsAreRefused() {
        CallForm form = with(with(with(with(valid(), "description", "я".repeat(20_001)), "customerName",
                "Ф".repeat(301)), "subject", "т".repeat(301)), "process", "п".repeat(301));
        CallValidator.Result result = CallValidator.validate(form, List.of());
        assertThat(fields(result)).containsExactlyInAnyOrder("description", "customerName", "subject", "process");
    }

    @Test
    void limitsThemselvesAreAllowed() {
        CallForm form = with(with(valid(), "description", "я".repeat(20_000)), "customerName", "Ф".repeat(300));
        assertThat(CallValidator.validate(form, List.of()).isValid()).isTrue();
    }

    @Test
    void singleLineFieldsAreTidiedAndControlCharactersRefused() {
        CallValidator.Result tidy = CallValidator.validate(with(valid(), "customerName", " Иванов\n Иван "),
                List.of());
        assertThat(tidy.call().customerName()).isEqualTo("Иванов Иван");
        CallValidator.Result bad = CallValidator.validate(with(valid(), "customerName", "Иванов\u0000"), List.of());
        assertThat(fields(bad)).containsExactly("customerName");
    }

    @Test
    void descriptionKeepsItsLines() {
        CallValidator.Result result = CallValidator.validate(with(valid(), "description", "Шаг 1\nШаг 2\n"),
                List.of());
        assertThat(result.call().description()).isEqualTo("Шаг 1\nШаг 2");
        assertThat(result.call().subject()).isEqualTo("Шаг 1 Шаг 2");
    }

    @Test
    void problemsFoundEarlierAreKeptAndTheirFieldsNotReportedTwice() {
        Violation typed = new Violation("inn", "Значение должно быть строкой в кавычках.");
        CallValidator.Result result = CallValidator.validate(with(valid(), "inn", null), List.of(typed));
        assertThat(result.violations()).containsExactly(typed);
    }

    @Test
    void anUnreadableBodyIsOneProblemNotEveryFieldMissing() {
        Violation body = new Violation("body", "Тело запроса не является корректным JSON.");
        Violation key = new Violation("Idempotency-Key", "Заголовок Idempotency-Key слишком длинный.");
        CallValidator.Result result = CallValidator.validate(CallForm.empty(), List.of(key, body));
        assertThat(result.violations()).containsExactly(key, body);
        assertThat(result.reason()).isEqualTo(RejectedIntake.Reason.INVALID_INPUT);
    }
}
