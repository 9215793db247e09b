package ru.getmark.support.notifier.domain;

/**
 * Stable Message-IDs. The same (event, notice) always gets the same id, so that even the one duplicate the
 * once-only rule cannot rule out (sent, then the commit failed) carries the id of the first copy: mail clients and
 * servers that de-duplicate by Message-ID drop it, and anyone can see it is a resend.
 */
public final class MessageIds {

    private MessageIds() {
    }

    /** {@code <notice.<code>.<eventId>@<domain>>}; characters outside {@code [A-Za-z0-9._-]} become {@code _}. */
    public static String forNotice(NoticeKind kind, String eventId, String domain) {
        return "<notice." + kind.code() + "." + safe(eventId) + "@" + domain + ">";
    }

    /** The domain part of an address ({@code help@getmark.ru} → {@code getmark.ru}). */
    public static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        if (at < 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("not an email address: " + address);
        }
        return address.substring(at + 1);
    }

    private static String safe(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (char c : value.toCharArray()) {
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == '-';
            out.append(ok ? c : '_');
        }
        return out.toString();
    }
}
