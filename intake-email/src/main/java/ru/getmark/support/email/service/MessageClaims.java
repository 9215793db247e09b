package ru.getmark.support.email.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.email.config.EmailIntakeConfig;
import ru.getmark.support.email.repository.ClaimRepository;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * Every replica sees the same mailbox (deploy/k8s/README.md): a replica handles a message only while it holds the
 * message's lease, so two replicas do not publish, store and answer the same email at once. The lease outlives the
 * handling (it is not released), so the other replica does not pick the message up again in the moment between the
 * publish and the IMAP flag; after it runs out, a message that is still unflagged (its replica crashed) is taken over.
 */
@ApplicationScoped
public class MessageClaims {

    private final ClaimRepository claims;
    private final EmailIntakeConfig config;
    private final Clock clock;
    private final String owner = UUID.randomUUID().toString();

    MessageClaims(ClaimRepository claims, EmailIntakeConfig config, Clock clock) {
        this.claims = claims;
        this.config = config;
        this.clock = clock;
    }

    /** Takes the lease on a message for this replica; false when another replica holds it. */
    @Transactional
    public boolean claim(String messageId) {
        Instant now = clock.instant();
        return claims.claim(messageId, owner, now, now.plus(config.claimLease()));
    }

    /** This replica's id in message_claim.owner. */
    public String owner() {
        return owner;
    }
}
