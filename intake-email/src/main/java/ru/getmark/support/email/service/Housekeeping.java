package ru.getmark.support.email.service;

import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import ru.getmark.support.email.config.EmailIntakeConfig;
import ru.getmark.support.email.repository.ClaimRepository;
import ru.getmark.support.email.repository.FloodRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Forgets what no decision needs any more: flood counts well past their window, leases run out a day ago. */
@ApplicationScoped
public class Housekeeping {

    private final FloodRepository senders;
    private final ClaimRepository claims;
    private final Duration floodWindow;
    private final Clock clock;

    Housekeeping(FloodRepository senders, ClaimRepository claims, EmailIntakeConfig config, Clock clock) {
        this.senders = senders;
        this.claims = claims;
        this.floodWindow = config.flood().window();
        this.clock = clock;
    }

    @Transactional
    public void run() {
        Instant now = clock.instant();
        int senderRows = senders.purge(now.minus(floodWindow.multipliedBy(2)).minus(Duration.ofDays(1)));
        int claimRows = claims.purge(now.minus(Duration.ofDays(1)));
        if (senderRows + claimRows > 0) {
            Log.debugf("Housekeeping: %d flood rows, %d leases forgotten", senderRows, claimRows);
        }
    }
}
