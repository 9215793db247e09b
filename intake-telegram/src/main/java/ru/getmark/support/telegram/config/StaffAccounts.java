package ru.getmark.support.telegram.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The rule that keeps {@code /api/attachments} closed and usable: the service runs only when at least one staff account
 * (LINE1, LINE2, LINE3 or ADMIN) is configured, and every configured password is a digest, never plain text.
 * Production has no default account, so a deployment that forgot the accounts stops at once with a message saying what
 * to set, instead of serving customers' files to nobody (or being "fixed" by opening them). Plain Java, unit-tested.
 */
public final class StaffAccounts {

    static final String USERS = "quarkus.security.users.embedded.users";
    static final String ROLES = "quarkus.security.users.embedded.roles";
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private StaffAccounts() {
    }

    /**
     * @param users           login → stored password (hex digest unless {@code plainText})
     * @param roles           login → comma-separated roles
     * @param plainText       whether passwords are stored in plain text (never in this product)
     * @param digestHexLength length of a hex digest of the configured algorithm (128 for SHA-512)
     * @return the problems, each a full sentence for the start-up error; empty when the accounts are usable
     */
    public static List<String> problems(Map<String, String> users, Map<String, String> roles, boolean plainText,
                                        int digestHexLength) {
        List<String> problems = new ArrayList<>();
        boolean someStaff = users.keySet().stream()
                .anyMatch(login -> roles(roles.get(login)).stream().anyMatch(Roles.STAFF::contains));
        if (!someStaff) {
            problems.add("No staff account is configured. Set " + USERS + ".<login>=<HEX(SHA-512("
                    + "login:Quarkus:password))> and " + ROLES + ".<login>=LINE1 (or LINE2, LINE3, ADMIN), e.g. as -D "
                    + "system properties or QUARKUS_SECURITY_USERS_EMBEDDED_USERS_<LOGIN> environment variables. "
                    + "Production has no default account on purpose.");
        }
        if (plainText) {
            problems.add("quarkus.security.users.embedded.plain-text=true: staff passwords must be stored as digests.");
        } else {
            users.forEach((login, stored) -> {
                if (stored == null || stored.length() != digestHexLength || !HEX.matcher(stored).matches()) {
                    problems.add(USERS + "." + login + " is not a " + digestHexLength + "-digit hex digest of "
                            + "'login:Quarkus:password' (was a plain password set by mistake?).");
                }
            });
        }
        return problems;
    }

    private static List<String> roles(String csv) {
        if (csv == null) {
            return List.of();
        }
        return List.of(csv.split("\\s*,\\s*")).stream().map(String::strip).toList();
    }
}
