package ru.getmark.support.phone.domain;

/**
 * The short title of a ticket when the operator gave none: the first words of the description, so that staff
 * queues and the customer's email subject say something meaningful.
 */
public final class Subjects {

    /** Longest subject made from a description, in characters, before the ellipsis. */
    public static final int MAX_DERIVED_LENGTH = 80;

    private Subjects() {
    }

    /** The first words of a description that is not blank, cut at a word boundary, with "…" when cut. */
    public static String fromDescription(String description) {
        String flat = description.strip().replaceAll("\\s+", " ");
        if (flat.length() <= MAX_DERIVED_LENGTH) {
            return flat;
        }
        int cut = flat.lastIndexOf(' ', MAX_DERIVED_LENGTH);
        if (cut < MAX_DERIVED_LENGTH / 2) {
            cut = MAX_DERIVED_LENGTH;
            if (Character.isHighSurrogate(flat.charAt(cut - 1))) {
                cut--;
            }
        }
        return flat.substring(0, cut).stripTrailing() + "…";
    }
}
