package ru.getmark.support.email.imap;

import jakarta.mail.Flags;
import ru.getmark.support.email.config.MailConfig;

import java.util.Locale;
import java.util.Properties;

/** Jakarta Mail settings for the support mailbox. Plain Java, unit-tested. */
public final class ImapSessions {

    private ImapSessions() {
    }

    /** {@code imaps} for implicit TLS, else {@code imap} (plain, or upgraded with STARTTLS). */
    public static String protocol(MailConfig.Imap imap) {
        return imap.ssl() ? "imaps" : "imap";
    }

    public static Properties properties(MailConfig.Imap imap) {
        String protocol = protocol(imap);
        String prefix = "mail." + protocol + ".";
        Properties p = new Properties();
        p.put("mail.store.protocol", protocol);
        p.put(prefix + "connectiontimeout", Long.toString(imap.connectTimeout().toMillis()));
        p.put(prefix + "timeout", Long.toString(imap.readTimeout().toMillis()));
        // Reading a message must not set \Seen: that flag belongs to the people who read the mailbox.
        p.put(prefix + "peek", "true");
        // Whole messages in few round trips (the default fetches 16 KiB at a time).
        p.put(prefix + "fetchsize", Integer.toString(1024 * 1024));
        p.put(prefix + "starttls.enable", Boolean.toString(imap.starttls()));
        p.put(prefix + "starttls.required", Boolean.toString(imap.starttls()));
        p.put(prefix + "ssl.checkserveridentity", "true");
        return p;
    }

    /**
     * The flag that marks a processed message: a system flag when configured as {@code \Seen}, {@code \Flagged} or
     * {@code \Answered}, otherwise an IMAP keyword.
     */
    public static Flags processedFlags(String configured) {
        String flag = configured == null ? "" : configured.strip();
        if (flag.isEmpty()) {
            throw new IllegalArgumentException("getmark.mail.imap.processed-flag is empty");
        }
        if (flag.startsWith("\\")) {
            return switch (flag.substring(1).toLowerCase(Locale.ROOT)) {
                case "seen" -> new Flags(Flags.Flag.SEEN);
                case "flagged" -> new Flags(Flags.Flag.FLAGGED);
                case "answered" -> new Flags(Flags.Flag.ANSWERED);
                default -> throw new IllegalArgumentException("getmark.mail.imap.processed-flag " + flag
                        + ": only \\Seen, \\Flagged, \\Answered or a keyword");
            };
        }
        if (!flag.matches("[\\x21-\\x7e&&[^(){%*\"\\\\\\]]]+")) {
            throw new IllegalArgumentException("getmark.mail.imap.processed-flag " + flag + " is not an IMAP keyword");
        }
        return new Flags(flag);
    }

    /** Whether the flag is a keyword (the server must keep custom keywords for it to work). */
    public static boolean isKeyword(Flags flags) {
        return flags.getUserFlags().length > 0;
    }
}
