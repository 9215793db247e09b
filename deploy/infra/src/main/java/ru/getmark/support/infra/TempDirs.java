package ru.getmark.support.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Temporary directories that remember which process owns them, so that a later run can clean up after a JVM that
 * was killed before its shutdown hook ran (a surefire fork killed on timeout, a developer's kill -9): its
 * PostgreSQL process is stopped and its files are deleted.
 */
final class TempDirs {

    private static final Logger LOG = LoggerFactory.getLogger(TempDirs.class);
    private static final String OWNER_FILE = "owner.pid";

    private TempDirs() {
    }

    /**
     * Creates {@code <tmp>/<prefix><random>} owned by this process, after cleaning the abandoned directories with
     * the same prefix.
     *
     * @param onAbandoned what to do in an abandoned directory before it is deleted (stop a server left running)
     */
    static Path create(String prefix, Consumer<Path> onAbandoned) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            Files.writeString(dir.resolve(OWNER_FILE), Long.toString(ProcessHandle.current().pid()),
                    StandardCharsets.UTF_8);
            cleanAbandoned(dir.getParent(), prefix, dir, onAbandoned);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory " + prefix, e);
        }
    }

    private static void cleanAbandoned(Path tmp, String prefix, Path own, Consumer<Path> onAbandoned) {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(tmp, prefix + "*")) {
            for (Path dir : dirs) {
                if (!dir.equals(own) && isAbandoned(dir)) {
                    LOG.info("Cleaning {} left behind by a process that no longer runs", dir);
                    try {
                        onAbandoned.accept(dir);
                    } catch (RuntimeException e) {
                        LOG.warn("Could not clean {}: {}", dir, e.toString());
                        continue;
                    }
                    Postgres.deleteRecursively(dir);
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not look for abandoned directories in {}: {}", tmp, e.toString());
        }
    }

    /** Only a directory whose owner file names a process that has ended; a missing file may be a start in progress. */
    private static boolean isAbandoned(Path dir) {
        Path owner = dir.resolve(OWNER_FILE);
        if (!Files.isRegularFile(owner)) {
            return false;
        }
        try {
            long pid = Long.parseLong(Files.readString(owner, StandardCharsets.UTF_8).trim());
            return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }
}
