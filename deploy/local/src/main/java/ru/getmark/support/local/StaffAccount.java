package ru.getmark.support.local;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A staff account the local stack seeds. Production has none by default (services refuse to start without one);
 * only this launcher creates these two, and says so when it starts.
 *
 * @param login    user name
 * @param password plain password (local stack only)
 * @param role     LINE1, LINE2, LINE3 or ADMIN
 */
record StaffAccount(String login, String password, String role) {

    /** The realm name of Quarkus' embedded users realm (its default). */
    static final String REALM = "Quarkus";

    static List<StaffAccount> seeded() {
        return List.of(new StaffAccount("operator", "operator", "LINE1"), new StaffAccount("admin", "admin", "ADMIN"));
    }

    /** HEX(SHA-512(login:realm:password)), the form the embedded realm with algorithm digest-sha-512 expects. */
    String passwordHash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-512")
                    .digest((login + ":" + REALM + ":" + password).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-512 is part of every JDK", e);
        }
    }
}
