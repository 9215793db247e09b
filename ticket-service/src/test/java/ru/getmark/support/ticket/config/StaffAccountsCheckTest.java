package ru.getmark.support.ticket.config;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StaffAccountsCheckTest {

    private static StaffAccountsCheck check(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .build();
        return new StaffAccountsCheck(config);
    }

    @Test
    @DisplayName("No account at all: refuses to start and says how to pass one")
    void refusesWithoutAccounts() {
        assertThatThrownBy(() -> check(Map.of()).onStart(null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("No staff account is configured")
                .hasMessageContaining("quarkus.security.users.embedded.users.<login>");
    }

    @Test
    @DisplayName("Roles alone are no account")
    void refusesWithRolesOnly() {
        assertThatThrownBy(() -> check(Map.of(
                "quarkus.security.users.embedded.roles.operator", "LINE1")).onStart(null))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    @DisplayName("An account without a role starts (with a warning: it gets 403 everywhere)")
    void startsWithAccountWithoutRole() {
        assertThatCode(() -> check(Map.of("quarkus.security.users.embedded.users.x", "ab")).onStart(null))
                .doesNotThrowAnyException();
    }

    @Test
    @DisplayName("One account with a staff role is enough")
    void startsWithOneStaffAccount() {
        assertThatCode(() -> check(Map.of(
                "quarkus.security.users.embedded.users.operator", "ab",
                "quarkus.security.users.embedded.roles.operator", "LINE1, ADMIN")).onStart(null))
                .doesNotThrowAnyException();
    }
}
