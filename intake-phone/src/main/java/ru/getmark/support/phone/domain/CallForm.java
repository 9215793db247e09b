package ru.getmark.support.phone.domain;

/**
 * A call as the operator entered it: every field is the raw text (or null when absent), nothing is checked yet.
 * {@link CallValidator} turns it into a {@link ValidatedCall} or a list of {@link Violation}s.
 */
public record CallForm(
        String inn,
        String customerName,
        String email,
        String phone,
        String type,
        String process,
        String impact,
        String subject,
        String description) {

    /** A form with no field filled in (for a body that was not a JSON object at all). */
    public static CallForm empty() {
        return new CallForm(null, null, null, null, null, null, null, null, null);
    }
}
