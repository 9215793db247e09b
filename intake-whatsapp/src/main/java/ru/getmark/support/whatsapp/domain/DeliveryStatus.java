package ru.getmark.support.whatsapp.domain;

import java.util.Locale;

/**
 * Twilio's message statuses in the order a message goes through them. Status callbacks may arrive out of order (a
 * "sent" after its "delivered"): a status only replaces one of lower rank, and a failure is final.
 */
public final class DeliveryStatus {

    /** Error code of Twilio's "outside the 24-hour window" refusal: free-form text is not allowed, a template is. */
    public static final int WINDOW_CLOSED = 63016;

    private DeliveryStatus() {
    }

    public static int rank(String status) {
        if (status == null) {
            return -1;
        }
        return switch (status.toLowerCase(Locale.ROOT)) {
            case "accepted", "scheduled" -> 0;
            case "queued" -> 1;
            case "sending" -> 2;
            case "sent" -> 3;
            case "delivered" -> 4;
            case "read" -> 5;
            case "failed", "undelivered", "canceled" -> 9;
            default -> -1;
        };
    }

    public static boolean isFailure(String status) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        return s.equals("failed") || s.equals("undelivered");
    }

    /** Whether {@code next} says more than {@code current} (never un-fails a failed message). */
    public static boolean advances(String current, String next) {
        if (isFailure(current) || "canceled".equalsIgnoreCase(current)) {
            return false;
        }
        return rank(next) > rank(current);
    }
}
