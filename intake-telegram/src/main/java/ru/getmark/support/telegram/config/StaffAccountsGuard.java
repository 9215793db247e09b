package ru.getmark.support.telegram.config;

import io.quarkus.elytron.security.properties.runtime.DigestAlgorithm;
import io.quarkus.elytron.security.properties.runtime.MPRealmRuntimeConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.List;

/**
 * Refuses to start the service without a usable staff account (see {@link StaffAccounts}). Runs before the other
 * start-up observers, so that a misconfigured deployment fails before it starts taking updates.
 */
@ApplicationScoped
public class StaffAccountsGuard {

    private final MPRealmRuntimeConfig realm;

    StaffAccountsGuard(MPRealmRuntimeConfig realm) {
        this.realm = realm;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        List<String> problems = StaffAccounts.problems(realm.users(), realm.roles(), realm.plainText(),
                hexLength(realm.algorithm()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("intake-telegram refuses to start: " + String.join(" ", problems));
        }
        Log.infof("Staff accounts configured: %d", realm.users().size());
    }

    static int hexLength(DigestAlgorithm algorithm) {
        return switch (algorithm) {
            case DIGEST_MD5 -> 32;
            case DIGEST_SHA -> 40;
            case DIGEST_SHA_256, DIGEST_SHA_512_256 -> 64;
            case DIGEST_SHA_384 -> 96;
            case DIGEST_SHA_512 -> 128;
        };
    }
}
