package ru.getmark.support.email.service;

import ru.getmark.support.email.domain.ParsedEmail;

import java.util.Locale;
import java.util.Set;

/**
 * The last word on whether intake-email may answer a message, whatever triage decided: never to automatic mail (RFC
 * 3834 {@code Auto-Submitted}, {@code Precedence: bulk/junk/list}, {@code X-Autoreply}/{@code X-Autorespond}, list
 * mail), never to a bounce sender (empty {@code Return-Path}, mailer-daemon, postmaster), never to one of our own
 * addresses. Triage already ignores such mail; this second check is what makes a mail loop impossible even if a rule
 * there changes. Plain Java, unit-tested.
 */
public final class ReplyPolicy {

    private static final Set<String> BOUNCE_SENDERS = Set.of("mailer-daemon", "postmaster", "mail-daemon",
            "maildaemon", "noreply", "no-reply", "donotreply", "do-not-reply");

    private final Set<String> ownAddresses;

    /** @param ownAddresses our addresses, any case */
    public ReplyPolicy(Set<String> ownAddresses) {
        this.ownAddresses = ownAddresses.stream().map(Addresses::normalise).collect(java.util.stream.Collectors.toSet());
    }

    /** Why no reply may go to {@code recipient} for {@code email}, or null when one may. */
    public String refusal(ParsedEmail email, String recipient) {
        if (recipient == null || recipient.isBlank() || !recipient.contains("@")) {
            return "no usable recipient address";
        }
        String to = Addresses.normalise(recipient);
        if (ownAddresses.contains(to)) {
            return "recipient is our own address";
        }
        String local = to.substring(0, to.lastIndexOf('@'));
        if (BOUNCE_SENDERS.contains(local)) {
            return "recipient is a mail system (" + local + ")";
        }
        String autoSubmitted = lower(email.header("auto-submitted"));
        if (autoSubmitted != null && !autoSubmitted.isBlank() && !autoSubmitted.startsWith("no")) {
            return "Auto-Submitted: " + autoSubmitted;
        }
        String precedence = lower(email.header("precedence"));
        if (precedence != null && (precedence.contains("bulk") || precedence.contains("junk")
                || precedence.contains("list"))) {
            return "Precedence: " + precedence;
        }
        if (email.header("x-autoreply") != null || email.header("x-autorespond") != null
                || email.header("x-autoresponder") != null) {
            return "X-Autoreply/X-Autorespond present";
        }
        if (email.header("list-id") != null) {
            return "list mail (List-Id)";
        }
        String returnPath = email.header("return-path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "empty Return-Path (a bounce)";
        }
        if (email.report() != null) {
            return "a delivery report";
        }
        return null;
    }

    private static String lower(String value) {
        return value == null ? null : value.strip().toLowerCase(Locale.ROOT);
    }
}
