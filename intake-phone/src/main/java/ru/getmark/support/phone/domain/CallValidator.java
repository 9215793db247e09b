package ru.getmark.support.phone.domain;

import ru.getmark.support.common.event.Impact;
import ru.getmark.support.common.event.RejectedIntake;
import ru.getmark.support.common.event.TicketType;
import ru.getmark.support.common.inn.Inn;
import ru.getmark.support.common.json.Json;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks a logged call field by field and reports every problem at once, so that the operator fixes the form in one
 * go while the customer is still on the line (R1, R3). Plain Java: the rules are tested without a framework.
 * <p>
 * Required: ИНН (check digits, R1), name, email, phone, description. Optional: type, process, impact, subject.
 * Blank optional fields count as absent, because forms send "" for an unselected list.
 */
public final class CallValidator {

    public static final int MAX_NAME_LENGTH = 300;
    public static final int MAX_SUBJECT_LENGTH = 300;
    public static final int MAX_PROCESS_LENGTH = 300;
    public static final int MAX_DESCRIPTION_LENGTH = 20_000;

    /** The pseudo-field of problems with the request body as a whole. */
    public static final String BODY = "body";

    /** The outcome: either {@code call} or a non-empty {@code violations} list. */
    public record Result(ValidatedCall call, List<Violation> violations, RejectedIntake.Reason reason) {

        public Result {
            violations = List.copyOf(violations);
        }

        public boolean isValid() {
            return call != null;
        }
    }

    private CallValidator() {
    }

    /**
     * Validates a form. {@code earlier} are problems already found while reading the request (a field of the wrong
     * JSON type, a bad header); they are reported together with the form's own. When the body itself could not be
     * read (a problem of the field "body"), the fields are not checked: every one would be "missing".
     */
    public static Result validate(CallForm form, List<Violation> earlier) {
        if (alreadyReported(earlier, BODY)) {
            return new Result(null, earlier, RejectedIntake.Reason.INVALID_INPUT);
        }
        List<Violation> violations = new ArrayList<>(earlier);
        RejectedIntake.Reason reason = RejectedIntake.Reason.INVALID_INPUT;

        String inn = null;
        if (!alreadyReported(earlier, "inn")) {
            Optional<Inn.Problem> innProblem = Inn.check(form.inn());
            if (innProblem.isPresent()) {
                violations.add(new Violation("inn", innProblem.get().message()));
                reason = innProblem.get() == Inn.Problem.MISSING
                        ? RejectedIntake.Reason.MISSING_INN
                        : RejectedIntake.Reason.INVALID_INN;
            } else {
                inn = form.inn().strip();
            }
        }

        String name = singleLine(violations, "customerName", form.customerName(), MAX_NAME_LENGTH, earlier,
                "Укажите ФИО клиента или название организации: оно нужно для обращения к клиенту в уведомлениях.");

        String email = null;
        if (required(violations, "email", form.email(), earlier,
                "Укажите адрес электронной почты клиента: на него придёт уведомление о регистрации обращения.")) {
            String problem = EmailAddresses.problem(form.email());
            if (problem != null) {
                violations.add(new Violation("email", problem));
            } else {
                email = form.email().strip();
            }
        }

        String phone = null;
        if (required(violations, "phone", form.phone(), earlier, "Укажите номер телефона клиента.")) {
            PhoneNumbers.Result result = PhoneNumbers.normalise(form.phone());
            if (result.isValid()) {
                phone = result.e164();
            } else {
                violations.add(new Violation("phone", result.problem()));
            }
        }

        TicketType type = optionalCode(violations, "type", form.type(), TicketType.class, earlier,
                "Неизвестный тип обращения");
        Impact impact = optionalCode(violations, "impact", form.impact(), Impact.class, earlier,
                "Неизвестное влияние на работу");
        String process = optionalSingleLine(violations, "process", form.process(), MAX_PROCESS_LENGTH, earlier);
        String subject = optionalSingleLine(violations, "subject", form.subject(), MAX_SUBJECT_LENGTH, earlier);

        String description = null;
        if (required(violations, "description", form.description(), earlier,
                "Опишите проблему: что произошло, шаги, текст ошибки, название документа.")) {
            String text = form.description().strip();
            if (text.codePointCount(0, text.length()) > MAX_DESCRIPTION_LENGTH) {
                violations.add(new Violation("description", "Описание слишком длинное: не более "
                        + MAX_DESCRIPTION_LENGTH + " символов. Сократите текст, подробности можно приложить позже."));
            } else if (hasControlCharacters(text, true)) {
                violations.add(new Violation("description", CONTROL_CHARACTERS));
            } else {
                description = text;
            }
        }

        if (!violations.isEmpty()) {
            return new Result(null, violations, reason);
        }
        return new Result(new ValidatedCall(inn, name, email, phone, type, process, impact,
                subject != null ? subject : Subjects.fromDescription(description), description), List.of(), null);
    }

    private static final String CONTROL_CHARACTERS = "Текст содержит недопустимые управляющие символы.";

    private static boolean alreadyReported(List<Violation> earlier, String field) {
        return earlier.stream().anyMatch(v -> v.field().equals(field));
    }

    /** True when the field is present and not blank; adds the "missing" violation otherwise. */
    private static boolean required(List<Violation> violations, String field, String value, List<Violation> earlier,
                                    String missingMessage) {
        if (alreadyReported(earlier, field)) {
            return false;
        }
        if (value == null || value.isBlank()) {
            violations.add(new Violation(field, missingMessage));
            return false;
        }
        return true;
    }

    private static String singleLine(List<Violation> violations, String field, String value, int maxLength,
                                     List<Violation> earlier, String missingMessage) {
        if (!required(violations, field, value, earlier, missingMessage)) {
            return null;
        }
        return checkedLine(violations, field, value, maxLength);
    }

    private static String optionalSingleLine(List<Violation> violations, String field, String value, int maxLength,
                                             List<Violation> earlier) {
        if (alreadyReported(earlier, field) || value == null || value.isBlank()) {
            return null;
        }
        return checkedLine(violations, field, value, maxLength);
    }

    /** Collapses white space (a pasted line break included) and checks length and control characters. */
    private static String checkedLine(List<Violation> violations, String field, String value, int maxLength) {
        String line = value.strip().replaceAll("\\s+", " ");
        if (line.codePointCount(0, line.length()) > maxLength) {
            violations.add(new Violation(field, "Слишком длинное значение: не более " + maxLength + " символов."));
            return null;
        }
        if (hasControlCharacters(line, false)) {
            violations.add(new Violation(field, CONTROL_CHARACTERS));
            return null;
        }
        return line;
    }

    private static boolean hasControlCharacters(String text, boolean multiLine) {
        return text.chars().anyMatch(c -> Character.isISOControl(c)
                && !(multiLine && (c == '\n' || c == '\r' || c == '\t')));
    }

    /** Reads an optional enum by its JSON code ("software_bug"), case-insensitively; lists the codes when unknown. */
    private static <E extends Enum<E>> E optionalCode(List<Violation> violations, String field, String value,
                                                      Class<E> type, List<Violation> earlier, String unknownPrefix) {
        if (alreadyReported(earlier, field) || value == null || value.isBlank()) {
            return null;
        }
        String code = value.strip().toLowerCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (code(constant).equals(code)) {
                return constant;
            }
        }
        violations.add(new Violation(field, unknownPrefix + " «" + shorten(value.strip()) + "». Допустимые значения: "
                + allowed(type) + "."));
        return null;
    }

    /** "consultation (Консультация), software_bug (Ошибка ПО), ...". */
    static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants())
                .map(c -> code(c) + " (" + label(c) + ")")
                .collect(Collectors.joining(", "));
    }

    /** The JSON code of a contract enum: the same text the topics carry. */
    public static String code(Enum<?> constant) {
        return Json.MAPPER.convertValue(constant, String.class);
    }

    private static String label(Enum<?> constant) {
        if (constant instanceof TicketType t) {
            return t.label();
        }
        if (constant instanceof Impact i) {
            return i.label();
        }
        return constant.name();
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
