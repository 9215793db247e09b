package ru.getmark.support.adapter.staff;

import io.quarkus.elytron.security.properties.runtime.DigestAlgorithm;
import io.quarkus.elytron.security.properties.runtime.MPRealmRuntimeConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Refuses to start the service without a usable staff account (see {@link StaffAccounts}). Runs before the other
 * start-up observers, so that a misconfigured deployment fails before it starts taking customers' messages. The
 * error names the service ({@code quarkus.application.name}) so that the failing pod's log says who is misconfigured.
 */
@ApplicationScoped
public class StaffAccountsGuard {

    private final MPRealmRuntimeConfig realm;
    private final StaffConfig config;
    private final String service;

    StaffAccountsGuard(MPRealmRuntimeConfig realm, StaffConfig config,
                       @ConfigProperty(name = "quarkus.application.name", defaultValue = "the service") String service) {
        this.realm = realm;
        this.config = config;
        this.service = service;
    }

    void onStart(@Observes @Priority(1) StartupEvent event) {
        List<String> problems = StaffAccounts.problems(realm.users(), realm.roles(), config.requiredRoles(),
                realm.plainText(), hexLength(realm.algorithm()));
        if (!problems.isEmpty()) {
            throw new IllegalStateException(service + " refuses to start: " + String.join(" ", problems));
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
