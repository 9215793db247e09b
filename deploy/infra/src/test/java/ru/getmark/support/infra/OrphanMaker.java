package ru.getmark.support.infra;

import java.nio.file.Path;

/** Run in a child JVM by {@link PostgresTest}: starts PostgreSQL, says so, and waits to be killed. */
public final class OrphanMaker {

    private OrphanMaker() {
    }

    public static void main(String[] args) throws Exception {
        Postgres.start(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
