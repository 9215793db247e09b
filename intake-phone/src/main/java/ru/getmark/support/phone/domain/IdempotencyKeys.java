package ru.getmark.support.phone.domain;

/**
 * Rules for the {@code Idempotency-Key} header. The key ends up in logs and in the message id's name, so it is kept
 * short and printable; clients normally send a UUID.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final int MAX_LENGTH = 200;

    private IdempotencyKeys() {
    }

    /**
     * Checks a key that is present.
     *
     * @return null when the key is acceptable, else the violation
     */
    public static Violation problem(String key) {
        if (key.isBlank()) {
            return new Violation(HEADER, "Заголовок Idempotency-Key пуст: передайте уникальный ключ (например, UUID) "
                    + "или не передавайте заголовок.");
        }
        if (key.length() > MAX_LENGTH) {
            return new Violation(HEADER, "Заголовок Idempotency-Key слишком длинный: не более " + MAX_LENGTH
                    + " символов.");
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            return new Violation(HEADER, "Заголовок Idempotency-Key содержит управляющие символы.");
        }
        return null;
    }
}
