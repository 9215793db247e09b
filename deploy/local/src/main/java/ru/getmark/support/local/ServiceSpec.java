package ru.getmark.support.local;

import java.util.List;

/**
 * One of the six services as the local stack runs it: its module (where its packaged app lives), its HTTP port, and
 * what it needs from the infrastructure.
 *
 * @param module   Maven module directory, relative to the project home
 * @param port     HTTP port
 * @param database its own PostgreSQL database, or null
 * @param mail     whether it talks to the mail server
 * @param staff    whether it has a staff API (and so needs the seeded accounts)
 */
public record ServiceSpec(String module, int port, String database, boolean mail, boolean staff) {

    /** The six services with the default ports of ARCHITECTURE.md. */
    public static List<ServiceSpec> defaults() {
        return List.of(
                new ServiceSpec("ticket-service", 8080, "tickets", false, true),
                new ServiceSpec("intake-email", 8081, "email", true, true),
                new ServiceSpec("intake-telegram", 8082, "telegram", false, true),
                new ServiceSpec("intake-whatsapp", 8083, "whatsapp", false, true),
                new ServiceSpec("intake-phone", 8084, null, false, true),
                new ServiceSpec("notifier", 8085, "notifier", true, false));
    }

    ServiceSpec withPort(int newPort) {
        return new ServiceSpec(module, newPort, database, mail, staff);
    }
}
