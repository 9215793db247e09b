package ru.getmark.support.email.config;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Staff accounts: production refuses to start without one")
class StaffAccountsTest {

    static final String DIGEST = "bac2c254e30f6aa80cd1e84638ad95222179e06b0cbeef10d8d2ad765c97ee99de6cc0d97183fe8dfee7"
            + "7610aeee2d411ea79a1f573f4928f72ba4330faa37f7";

    @Test
    void noAccountIsAProblemThatSaysWhatToSet() {
        assertThat(StaffAccounts.problems(Map.of(), Map.of(), false, 128))
                .singleElement().asString()
                .contains("quarkus.security.users.embedded.users.<login>", "LINE1");
    }

    @Test
    void anAccountWithoutAStaffRoleIsNotEnough() {
        assertThat(StaffAccounts.problems(Map.of("visitor", DIGEST), Map.of("visitor", "CUSTOMER"), false, 128))
                .hasSize(1);
        assertThat(StaffAccounts.problems(Map.of("nobody", DIGEST), Map.of(), false, 128)).hasSize(1);
    }

    @Test
    void anyLineOrAnAdminIsEnough() {
        for (String role : new String[] {"LINE1", "LINE2", "LINE3", "ADMIN", "CUSTOMER, LINE3"}) {
            assertThat(StaffAccounts.problems(Map.of("someone", DIGEST), Map.of("someone", role), false, 128))
                    .as(role).isEmpty();
        }
    }

    @Test
    void aPlainPasswordWhereADigestBelongsIsRefused() {
        assertThat(StaffAccounts.problems(Map.of("operator", "operator"), Map.of("operator", "LINE1"), false, 128))
                .singleElement().asString().contains("users.operator");
        assertThat(StaffAccounts.problems(Map.of("operator", "operator"), Map.of("operator", "LINE1"), true, 128))
                .singleElement().asString().contains("plain-text");
    }
}
