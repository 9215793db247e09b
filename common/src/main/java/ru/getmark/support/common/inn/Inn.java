package ru.getmark.support.common.inn;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Optional;

/**
 * A taxpayer number (ИНН) with correct check digits: 10 digits for organisations, 12 for individuals and sole
 * proprietors. An instance exists only for a valid number; {@link #check(String)} says why a text is not one.
 * <p>
 * The all-zero numbers pass the checksum arithmetic but are no one's ИНН, so they are refused too.
 */
public final class Inn {

    private static final int[] W10 = {2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] W12_11 = {7, 2, 4, 10, 3, 5, 9, 4, 6, 8};
    private static final int[] W12_12 = {3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8};

    private final String digits;

    private Inn(String digits) {
        this.digits = digits;
    }

    /** Why a text is not a valid ИНН. {@link #message()} is Russian, to be shown to the sender as is. */
    public enum Problem {
        MISSING("ИНН не указан. Укажите ИНН организации (10 цифр) или ИП (12 цифр)."),
        NOT_DIGITS("ИНН должен состоять только из цифр."),
        WRONG_LENGTH("ИНН должен содержать 10 цифр (организация) или 12 цифр (ИП, физическое лицо)."),
        ALL_ZEROS("ИНН не может состоять из одних нулей."),
        CHECK_DIGIT("Неверная контрольная цифра ИНН: проверьте, нет ли опечатки.");

        private final String message;

        Problem(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** Thrown by {@link #parse(String)}; carries the {@link Problem}. */
    public static final class InvalidInnException extends IllegalArgumentException {
        private final Problem problem;

        InvalidInnException(Problem problem) {
            super(problem.message());
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /**
     * Checks a text. Surrounding white space is ignored; anything else that is not a digit is a problem.
     *
     * @return empty when the text is a valid ИНН, else the reason
     */
    public static Optional<Problem> check(String text) {
        if (text == null || text.isBlank()) {
            return Optional.of(Problem.MISSING);
        }
        String s = text.strip();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Optional.of(Problem.NOT_DIGITS);
            }
        }
        if (s.length() != 10 && s.length() != 12) {
            return Optional.of(Problem.WRONG_LENGTH);
        }
        if (s.chars().allMatch(c -> c == '0')) {
            return Optional.of(Problem.ALL_ZEROS);
        }
        boolean ok = s.length() == 10
                ? checkDigit(s, W10) == digit(s, 9)
                : checkDigit(s, W12_11) == digit(s, 10) && checkDigit(s, W12_12) == digit(s, 11);
        return ok ? Optional.empty() : Optional.of(Problem.CHECK_DIGIT);
    }

    /** True when the text is a valid ИНН. */
    public static boolean isValid(String text) {
        return check(text).isEmpty();
    }

    /**
     * Parses a valid ИНН.
     *
     * @throws InvalidInnException with the reason when it is not one
     */
    @JsonCreator
    public static Inn parse(String text) {
        Optional<Problem> problem = check(text);
        if (problem.isPresent()) {
            throw new InvalidInnException(problem.get());
        }
        return new Inn(text.strip());
    }

    /** The digits. */
    @JsonValue
    public String value() {
        return digits;
    }

    /** True for organisations (10 digits), false for individuals and sole proprietors (12 digits). */
    public boolean isOrganisation() {
        return digits.length() == 10;
    }

    /** The ИНН with all but the last four digits hidden, for logs: "******3893". */
    public String masked() {
        return mask(digits);
    }

    /** Masks any text that may hold an ИНН for logging: keeps only its last four characters. */
    public static String mask(String text) {
        if (text == null) {
            return "null";
        }
        int keep = Math.min(4, text.length() / 2);
        return "*".repeat(text.length() - keep) + text.substring(text.length() - keep);
    }

    private static int checkDigit(String s, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * digit(s, i);
        }
        return sum % 11 % 10;
    }

    private static int digit(String s, int i) {
        return s.charAt(i) - '0';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Inn other && other.digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    @Override
    public String toString() {
        return masked();
    }
}
