package ru.getmark.support.email.domain;

import java.util.Set;

/**
 * The settings triage needs, from configuration.
 *
 * @param ownAddresses       our own addresses (help@getmark.ru, the notifier's From): mail from them is ignored
 * @param ownDomain          the domain of our Message-IDs (getmark.ru), see common's TicketThread
 * @param maxAttachmentBytes the largest file accepted
 * @param maxMessageBytes    the largest message accepted (all files together)
 * @param maxAttachments     the most files accepted in one message
 */
public record TriageRules(Set<String> ownAddresses, String ownDomain, long maxAttachmentBytes, long maxMessageBytes,
                          int maxAttachments) {
}
