package ru.getmark.support.adapter.staff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The rule that keeps an adapter's {@code /api/*} closed and usable: the service runs only when at least one staff
 * account with a role that may use its API is configured, and every configured password is a digest, never plain
 * text. Production has no default account, so a deployment that forgot the accounts stops at once with a message
 * saying what to set, instead of serving customers' data to nobody (or being "fixed" by opening it). Plain Java,
 * unit-tested.
 */
public final class StaffAccounts {

    static final String USERS = "quarkus.security.users.embedded.users";
    static final String ROLES = "quarkus.security.users.embedded.roles";
    private static final Pattern HEX = Pattern.compile("[0-9a-fA-F]+");

    private StaffAccounts() {
    }

    /** {@link #problems(Map, Map, Set, boolean, int)} with any staff role ({@link Roles#STAFF}) being enough. */
    public static List<String> problems(Map<String, String> users, Map<String, String> roles, boolean plainText,
                                        int digestHexLength) {
        return problems(users, roles, Roles.STAFF, plainText, digestHexLength);
    }

    /**
     * @param users           login → stored password (hex digest unless {@code plainText})
     * @param roles           login → comma-separated roles
     * @param requiredRoles   at least one account must have one of these (intake-phone: LINE1 or ADMIN may log calls)
     * @param plainText       whether passwords are stored in plain text (never in this product)
     * @param digestHexLength length of a hex digest of the configured algorithm (128 for SHA-512)
     * @return the problems, each a full sentence for the start-up error; empty when the accounts are usable
     */
    public static List<String> problems(Map<String, String> users, Map<String, String> roles,
                                        Set<String> requiredRoles, boolean plainText, int digestHexLength) {
        List<String> problems = new ArrayList<>();
        boolean someoneMayWork = users.keySet().stream()
                .anyMatch(login -> roles(roles.get(login)).stream().anyMatch(requiredRoles::contains));
        if (!someoneMayWork) {
            String oneOf = String.join(", ", new TreeSet<>(requiredRoles));
            problems.add("No staff account with one of the roles " + oneOf + " is configured. Set " + USERS
                    + ".<login>=<HEX(SHA-512(login:Quarkus:password))> and " + ROLES + ".<login>=<one of " + oneOf
                    + ">, e.g. as -D system properties or QUARKUS_SECURITY_USERS_EMBEDDED_USERS_<LOGIN> environment "
                    + "variables. Production has no default account on purpose.");
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
