package ru.getmark.support.ticket.config;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Refuses to start without a staff account. The production profile ships no default account (issue 2: staff endpoints
 * are closed from day one), so a deployment that forgot to pass one would otherwise run with an API nobody can use,
 * or worse, someone would be tempted to open it.
 */
@ApplicationScoped
public class StaffAccountsCheck {

    static final String USERS = "quarkus.security.users.embedded.users";
    static final String ROLES = "quarkus.security.users.embedded.roles";
    static final Set<String> STAFF_ROLES = Set.of("LINE1", "LINE2", "LINE3", "ADMIN");

    private final SmallRyeConfig config;

    public StaffAccountsCheck(SmallRyeConfig config) {
        this.config = config;
    }

    /** Runs before the other start-up observers, so a misconfigured deployment fails first and clearly. */
    void onStart(@Observes @Priority(1) StartupEvent event) {
        Map<String, String> users = map(USERS);
        Map<String, String> roles = map(ROLES);
        if (users.isEmpty()) {
            throw new IllegalStateException("""
                    No staff account is configured, refusing to start: the staff API would be unusable. \
                    Pass at least one account, e.g. -Dquarkus.security.users.embedded.users.<login>=<hash> \
                    -Dquarkus.security.users.embedded.roles.<login>=LINE1 (roles LINE1, LINE2, LINE3, ADMIN; \
                    hash = hex SHA-512 of "<login>:Quarkus:<password>", e.g. \
                    printf '%s' 'login:Quarkus:password' | sha512sum), or the environment variables \
                    QUARKUS_SECURITY_USERS_EMBEDDED_USERS_<LOGIN> and QUARKUS_SECURITY_USERS_EMBEDDED_ROLES_<LOGIN>.""");
        }
        Set<String> staff = users.keySet().stream()
                .filter(user -> rolesOf(roles, user).stream().anyMatch(STAFF_ROLES::contains))
                .collect(Collectors.toCollection(TreeSet::new));
        Log.infof("Accounts: %s; with a staff role: %s", users.keySet(), staff);
        if (staff.isEmpty()) {
            Log.warn("No account has a staff role (LINE1, LINE2, LINE3, ADMIN): every staff request will be refused "
                    + "with 403. Set quarkus.security.users.embedded.roles.<login>.");
        }
    }

    private static Set<String> rolesOf(Map<String, String> roles, String user) {
        String value = roles.getOrDefault(user, "");
        return Set.of(value.split("\\s*,\\s*")).stream().map(String::strip).collect(Collectors.toSet());
    }

    /** A map-valued property from every config source (system properties, environment, files). */
    private Map<String, String> map(String name) {
        Map<String, String> result = new TreeMap<>();
        config.getOptionalValues(name, String.class, String.class).ifPresent(result::putAll);
        String prefix = name + ".";
        for (String property : config.getPropertyNames()) {
            if (property.startsWith(prefix)) {
                String key = property.substring(prefix.length());
                config.getOptionalValue(property, String.class).ifPresent(v -> result.putIfAbsent(unquote(key), v));
            }
        }
        return result;
    }

    private static String unquote(String key) {
        return key.length() > 1 && key.startsWith("\"") && key.endsWith("\"") ? key.substring(1, key.length() - 1) : key;
    }
}
