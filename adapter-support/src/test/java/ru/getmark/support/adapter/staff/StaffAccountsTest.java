package ru.getmark.support.adapter.staff;

import io.quarkus.elytron.security.properties.runtime.DigestAlgorithm;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Staff accounts: production refuses to start without one")
class StaffAccountsTest {

    static final String DIGEST = "bac2c254e30f6aa80cd1e84638ad95222179e06b0cbeef10d8d2ad765c97ee99de6cc0d97183fe8dfee7"
            + "7610aeee2d411ea79a1f573f4928f72ba4330faa37f7";
    static final Set<String> CALL_ROLES = Set.of(Roles.LINE1, Roles.ADMIN);

    @Test
    void noAccountIsAProblemThatSaysWhatToSet() {
        assertThat(StaffAccounts.problems(Map.of(), Map.of(), false, 128))
                .singleElement().asString()
                .contains("quarkus.security.users.embedded.users.<login>", "quarkus.security.users.embedded.roles",
                        "LINE1", "LINE2", "LINE3", "ADMIN");
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
    @DisplayName("intake-phone: only LINE1 or ADMIN may log calls, so a second-line account alone is not enough")
    void requiredRolesNarrowWhoCounts() {
        assertThat(StaffAccounts.problems(Map.of("line2", DIGEST), Map.of("line2", "LINE2"), CALL_ROLES, false, 128))
                .singleElement().asString().contains("ADMIN, LINE1").doesNotContain("LINE2");
        assertThat(StaffAccounts.problems(Map.of("operator", DIGEST), Map.of("operator", "LINE1"), CALL_ROLES, false,
                128)).isEmpty();
        assertThat(StaffAccounts.problems(Map.of("boss", DIGEST), Map.of("boss", "LINE2, ADMIN"), CALL_ROLES, false,
                128)).isEmpty();
    }

    @Test
    void aPlainPasswordWhereADigestBelongsIsRefused() {
        assertThat(StaffAccounts.problems(Map.of("operator", "operator"), Map.of("operator", "LINE1"), false, 128))
                .singleElement().asString().contains("users.operator");
        assertThat(StaffAccounts.problems(Map.of("operator", "operator"), Map.of("operator", "LINE1"), true, 128))
                .singleElement().asString().contains("plain-text");
        assertThat(StaffAccounts.problems(Map.of("operator", DIGEST.substring(64)), Map.of("operator", "LINE1"),
                false, 128)).singleElement().asString().contains("128-digit");
    }

    @Test
    void theDigestLengthFollowsTheAlgorithm() {
        assertThat(StaffAccountsGuard.hexLength(DigestAlgorithm.DIGEST_SHA_512)).isEqualTo(128);
        assertThat(StaffAccountsGuard.hexLength(DigestAlgorithm.DIGEST_SHA_256)).isEqualTo(64);
        assertThat(StaffAccountsGuard.hexLength(DigestAlgorithm.DIGEST_MD5)).isEqualTo(32);
    }
}
