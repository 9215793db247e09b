package ru.getmark.support.local;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A service's class-data archive (dynamic AppCDS), recorded from a real run of the service and used by its later
 * starts: the JVM then maps the ≈ 17 000 classes a service loads at start (Quarkus, Hibernate, Kafka clients, Netty)
 * already parsed and verified instead of reading, parsing and verifying them again — the largest part of a start's
 * CPU (issue 8, /work/notes/issue8-C.md §2).
 * <p>
 * A start with no usable archive runs with {@code -XX:ArchiveClassesAtExit=<recording>}: the JVM writes the archive
 * when the service exits gracefully (SIGTERM); the launcher waits for that exit and only then moves the complete file
 * into place ({@link #commit}), because a truncated archive crashes the JVM that maps it (JDK 17: SIGBUS) instead of
 * being ignored. A start with one runs with {@code -XX:SharedArchiveFile=<archive>} under the default
 * {@code -Xshare:auto}: an archive the JVM cannot use (another class path, other flags) is ignored with a warning in
 * the service's log, never fatal; the launcher then sees it is not mapped ({@link #mappedBy}), deletes it and the next
 * start records a new one.
 * <p>
 * Archives live in {@code <module>/target/getmark-cds/} (so {@code mvn clean} removes them and every data folder,
 * the benchmark's temporary ones too, shares them), one per JVM build: {@code <java.vm.version>.jsa}, with a
 * {@code .properties} file beside it naming the java binary and the JVM flags it was recorded with.
 */
public final class ClassArchive {

    /** What a start does about the archive. */
    public enum Mode {
        /** {@code -XX:SharedArchiveFile}: the archive is there, newer than the packaged app, same JVM and flags. */
        USE,
        /** {@code -XX:ArchiveClassesAtExit}: none usable; this run records one, written when it stops. */
        RECORD,
        /** Archives switched off: the plain JVM start. */
        OFF
    }

    /**
     * @param mode   what the start does
     * @param reason why, for people ("absent", "older than the packaged app", ...)
     */
    public record Decision(Mode mode, String reason) {
    }

    private static final String JVM_KEY = "java";
    private static final String VM_VERSION_KEY = "java.vm.version";
    private static final String FLAGS_KEY = "jvm.flags";

    private final Path archive;
    private final Path info;

    ClassArchive(Path archive) {
        this.archive = archive;
        this.info = archive.resolveSibling(archive.getFileName() + ".properties");
    }

    /** The archive of a module of the checkout at {@code home}, for the JVM running this launcher. */
    static ClassArchive of(Path home, String module) {
        return new ClassArchive(home.resolve(module).resolve("target/getmark-cds").resolve(vmTag() + ".jsa"));
    }

    /** The JVM build (archives are specific to it), safe as a file name: e.g. {@code 17.0.15+6-Debian-1deb12u1}. */
    static String vmTag() {
        return System.getProperty("java.vm.version", System.getProperty("java.version")).replaceAll("[^A-Za-z0-9.+_-]",
                "_");
    }

    public Path path() {
        return archive;
    }

    /**
     * Whether a start of the packaged app in {@code quarkusApp} with these JVM flags can use the archive.
     *
     * @param java       the java binary the service runs with
     * @param flags      the service's JVM flags (the archive flags excluded)
     * @param quarkusApp the packaged app; any file in it newer than the archive makes the archive stale
     */
    Decision decide(String java, List<String> flags, Path quarkusApp) {
        if (!Files.isRegularFile(archive)) {
            return new Decision(Mode.RECORD, "absent");
        }
        try {
            if (Files.size(archive) == 0) {
                return new Decision(Mode.RECORD, "empty");
            }
            Optional<Properties> recorded = readInfo();
            if (recorded.isEmpty()) {
                return new Decision(Mode.RECORD, "no record of how it was made");
            }
            Properties p = recorded.get();
            if (!java.equals(p.getProperty(JVM_KEY)) || !vmTag().equals(p.getProperty(VM_VERSION_KEY))) {
                return new Decision(Mode.RECORD, "recorded by another JVM (" + p.getProperty(JVM_KEY) + ")");
            }
            if (!String.join(" ", flags).equals(p.getProperty(FLAGS_KEY))) {
                return new Decision(Mode.RECORD, "recorded with other JVM flags");
            }
            Instant built = newestFile(quarkusApp);
            Instant recordedAt = Files.getLastModifiedTime(archive).toInstant();
            if (recordedAt.isBefore(built)) {
                return new Decision(Mode.RECORD, "older than the packaged app");
            }
            return new Decision(Mode.USE, "recorded " + recordedAt);
        } catch (IOException e) {
            return new Decision(Mode.RECORD, "unreadable: " + e.getMessage());
        }
    }

    /**
     * The JVM flags of a start: use the archive, or record into {@code recording}; none when off. A recording run
     * silences the {@code [cds]} warnings the JVM prints for every class it leaves out while it writes the archive
     * (≈ 3 000 lines of "Skipping …: Not linked" in the service's log); {@code [cds,dynamic]} warnings, such as an
     * archive it cannot use, still show.
     */
    static List<String> jvmFlags(Decision decision, Path archive, Path recording) {
        return switch (decision.mode()) {
            case USE -> List.of("-XX:SharedArchiveFile=" + archive);
            case RECORD -> List.of("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off");
            case OFF -> List.of();
        };
    }

    /** A fresh file name for one recording run, beside the archive (never the archive itself: see {@link #commit}). */
    Path newRecording(long tag) throws IOException {
        Files.createDirectories(archive.getParent());
        Path recording = archive.resolveSibling(archive.getFileName() + ".recording-" + ProcessHandle.current().pid()
                + "-" + tag);
        Files.deleteIfExists(recording);
        return recording;
    }

    /**
     * After the recording run exited by itself (the JVM writes the archive during its exit): moves the recording
     * into place atomically and writes how it was made. A run that had to be killed leaves a partial file, which
     * {@link #discard} deletes instead.
     *
     * @param launchedAt when the recording run was launched
     * @return whether an archive is now in place
     */
    boolean commit(Path recording, String java, List<String> flags, Instant launchedAt) throws IOException {
        if (!Files.isRegularFile(recording) || Files.size(recording) == 0) {
            Files.deleteIfExists(recording);
            return false;
        }
        Properties p = new Properties();
        p.setProperty(JVM_KEY, java);
        p.setProperty(VM_VERSION_KEY, vmTag());
        p.setProperty(FLAGS_KEY, String.join(" ", flags));
        Path infoTmp = info.resolveSibling(recording.getFileName() + ".properties");
        try (Writer w = Files.newBufferedWriter(infoTmp, StandardCharsets.UTF_8)) {
            p.store(w, "how the class-data archive beside was recorded (GetMark local stack)");
        }
        // the archive first, then its record: a record never describes a file that is not there
        move(recording, archive);
        move(infoTmp, info);
        // the archive's time is the recording run's launch: a packaged app rebuilt while that run ran is newer, so
        // the archive (of the old app) counts as stale
        Files.setLastModifiedTime(archive, FileTime.from(launchedAt));
        return true;
    }

    /** Deletes a recording that is not complete. */
    static void discard(Path recording) {
        try {
            Files.deleteIfExists(recording);
        } catch (IOException e) {
            // a leftover in target/ only
        }
    }

    /** Deletes the archive (unusable: the next start records a new one). */
    void delete() {
        try {
            Files.deleteIfExists(info);
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            // the next decision finds it stale or unusable again
        }
    }

    /**
     * Whether process {@code pid} has the archive mapped (Linux {@code /proc/<pid>/maps}); empty when that cannot be
     * read. The JVM maps a usable archive at start and never later, so after the service is ready this says whether
     * the archive was used.
     */
    public Optional<Boolean> mappedBy(long pid) {
        return mapped(Path.of("/proc", Long.toString(pid), "maps"), archive);
    }

    static Optional<Boolean> mapped(Path maps, Path file) {
        String name = file.toAbsolutePath().toString();
        try (Stream<String> lines = Files.lines(maps, StandardCharsets.UTF_8)) {
            return Optional.of(lines.anyMatch(l -> l.endsWith(" " + name) || l.endsWith("\t" + name)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Properties> readInfo() throws IOException {
        if (!Files.isRegularFile(info)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(info, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return Optional.of(p);
    }

    static Instant newestFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).map(f -> {
                try {
                    return Files.getLastModifiedTime(f).toInstant();
                } catch (IOException e) {
                    return Instant.MAX;
                }
            }).max(Instant::compareTo).orElse(Instant.MAX);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
