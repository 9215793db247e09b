package ru.getmark.support.common.mail;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Message-IDs that tie a ticket's emails into one thread, shared by the notifier (which writes them) and
 * intake-email (which reads them back from a customer's reply, R4, R11, R12).
 * <ul>
 *   <li>Every notice has its own stable id, {@code <notice.<code>.<ticket>.<eventId>@<domain>>}: the same notice of
 *       the same event always gets the same id, and the ticket number can be read out of it.</li>
 *   <li>Every notice of a ticket carries {@code In-Reply-To} and {@code References} pointing at the ticket's thread
 *       root, {@code <ticket.<number>@<domain>>}, so that mail clients group them and a reply — whose
 *       {@code References} keep the root — finds its ticket even when the client dropped the rest.</li>
 * </ul>
 * Only ids under our own domain count: a stranger's {@code <ticket.1001@example.com>} never attaches mail to a
 * ticket.
 */
public final class TicketThread {

    private static final Pattern ID = Pattern.compile("<([^<>\\s]+)@([^<>\\s]+)>");
    private static final Pattern ROOT = Pattern.compile("ticket\\.(\\d{1,18})");
    private static final Pattern NOTICE = Pattern.compile("notice\\.[a-z0-9_]+\\.(\\d{1,18})\\.[A-Za-z0-9._-]+");

    private TicketThread() {
    }

    /** The thread root of a ticket: {@code <ticket.1001@getmark.ru>}. */
    public static String root(String ticketNumber, String domain) {
        return "<ticket." + digits(ticketNumber) + "@" + domain + ">";
    }

    /**
     * The stable id of one notice of one event: {@code <notice.solution.1001.<eventId>@getmark.ru>}. Characters of
     * the event id outside {@code [A-Za-z0-9._-]} become {@code _}.
     */
    public static String noticeId(String noticeCode, String ticketNumber, String eventId, String domain) {
        Objects.requireNonNull(noticeCode, "noticeCode");
        Objects.requireNonNull(eventId, "eventId");
        return "<notice." + noticeCode.toLowerCase(Locale.ROOT) + "." + digits(ticketNumber) + "." + safe(eventId)
                + "@" + domain + ">";
    }

    /**
     * The ticket numbers our own ids in a header name ({@code In-Reply-To}, {@code References}, or both joined),
     * in order of appearance, without repeats. Ids of other domains and anything unparsable are ignored.
     */
    public static List<String> ticketNumbers(String headerValue, String domain) {
        if (headerValue == null || headerValue.isBlank()) {
            return List.of();
        }
        Set<String> numbers = new LinkedHashSet<>();
        Matcher id = ID.matcher(headerValue);
        while (id.find()) {
            if (!id.group(2).equalsIgnoreCase(domain)) {
                continue;
            }
            String local = id.group(1);
            Matcher root = ROOT.matcher(local);
            Matcher notice = NOTICE.matcher(local);
            if (root.matches()) {
                numbers.add(root.group(1));
            } else if (notice.matches()) {
                numbers.add(notice.group(1));
            }
        }
        return new ArrayList<>(numbers);
    }

    private static String digits(String ticketNumber) {
        Objects.requireNonNull(ticketNumber, "ticketNumber");
        if (!ticketNumber.matches("\\d{1,18}")) {
            throw new IllegalArgumentException("a ticket number is digits only: " + ticketNumber);
        }
        return ticketNumber;
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
