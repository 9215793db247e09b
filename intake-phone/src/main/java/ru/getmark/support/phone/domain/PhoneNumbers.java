package ru.getmark.support.phone.domain;

/**
 * Phone numbers as operators type them ("8 (925) 950-91-18", "+7 925 950 91 18") brought to E.164 ("+79259509118"),
 * the form every service stores and compares.
 * <p>
 * Russian conventions apply because the customers are Russian companies: 11 digits starting with 8 or 7 are a
 * Russian number with its trunk or country prefix, 10 digits are a Russian number without either. Any other number
 * must carry its country code (with or without "+"). No library is used on purpose: the rules are few, and
 * libphonenumber's metadata would be a large dependency for them.
 */
public final class PhoneNumbers {

    public static final int MIN_DIGITS = 10;
    public static final int MAX_DIGITS = 15;

    static final String BAD_CHARACTERS = "Номер телефона может содержать только цифры, пробелы, дефисы, скобки "
            + "и знак «+» в начале.";
    static final String BAD_LENGTH = "Номер телефона должен содержать от " + MIN_DIGITS + " до " + MAX_DIGITS
            + " цифр, например +7 925 950-91-18 или 8 (925) 950-91-18.";

    private PhoneNumbers() {
    }

    /** The outcome of {@link #normalise(String)}: exactly one of {@code e164} and {@code problem} is set. */
    public record Result(String e164, String problem) {

        static Result ok(String e164) {
            return new Result(e164, null);
        }

        static Result problem(String message) {
            return new Result(null, message);
        }

        public boolean isValid() {
            return e164 != null;
        }
    }

    /**
     * Normalises a phone number that is not blank.
     *
     * @return the number in E.164, or the Russian reason why it is not a phone number
     */
    public static Result normalise(String text) {
        String s = text.strip();
        boolean plus = s.startsWith("+");
        StringBuilder digits = new StringBuilder();
        for (int i = plus ? 1 : 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            } else if (c != ' ' && c != '-' && c != '(' && c != ')' && c != '\u00a0') {
                return Result.problem(BAD_CHARACTERS);
            }
        }
        int n = digits.length();
        if (n < MIN_DIGITS || n > MAX_DIGITS) {
            return Result.problem(BAD_LENGTH);
        }
        if (plus) {
            return Result.ok("+" + digits);
        }
        if (n == 11 && (digits.charAt(0) == '8' || digits.charAt(0) == '7')) {
            return Result.ok("+7" + digits.substring(1));
        }
        if (n == 10) {
            return Result.ok("+7" + digits);
        }
        return Result.ok("+" + digits);
    }
}
