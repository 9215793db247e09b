package ru.getmark.support.local;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which flag a service start gets (issue 8, start time): its class-data archive is used only when it is there,
 * complete, recorded by the same JVM with the same flags and newer than every file of the packaged app; otherwise
 * the start records a new one.
 */
class ClassArchiveTest {

    private static final String JAVA = "/usr/lib/jvm/java-17/bin/java";
    private static final List<String> FLAGS = List.of("-Xmx256m", "-XX:+UseSerialGC");

    @TempDir
    Path home;

    Path app;
    ClassArchive archive;
    Instant built;

    @BeforeEach
    void packagedApp() throws IOException {
        app = home.resolve("notifier/target/quarkus-app");
        Files.createDirectories(app.resolve("lib/main"));
        built = Instant.now().minusSeconds(3600);
        touch(app.resolve("quarkus-run.jar"), built.minusSeconds(10));
        touch(app.resolve("lib/main/some.jar"), built);
        archive = ClassArchive.of(home, "notifier");
    }

    @Test
    void archivesLiveInTheModulesTargetOnePerJvmBuild() {
        assertThat(archive.path()).isEqualTo(home.resolve("notifier/target/getmark-cds/" + ClassArchive.vmTag()
                + ".jsa"));
        assertThat(ClassArchive.vmTag()).matches("[A-Za-z0-9.+_-]+").startsWith(System.getProperty("java.version"));
    }

    @Test
    void absentMeansRecord() {
        ClassArchive.Decision d = archive.decide(JAVA, FLAGS, app);
        assertThat(d.mode()).isEqualTo(ClassArchive.Mode.RECORD);
        assertThat(d.reason()).isEqualTo("absent");
        Path recording = home.resolve("rec.jsa");
        assertThat(ClassArchive.jvmFlags(d, archive.path(), recording))
                .containsExactly("-XX:ArchiveClassesAtExit=" + recording, "-Xlog:cds=off");
    }

    @Test
    void aCompleteRecordingNewerThanTheAppMeansUse() throws IOException {
        record(built.plusSeconds(60));
        ClassArchive.Decision d = archive.decide(JAVA, FLAGS, app);
        assertThat(d.mode()).as(d.reason()).isEqualTo(ClassArchive.Mode.USE);
        assertThat(ClassArchive.jvmFlags(d, archive.path(), null))
                .containsExactly("-XX:SharedArchiveFile=" + archive.path());
    }

    @Test
    void anArchiveOlderThanAnyFileOfThePackagedAppIsStale() throws IOException {
        record(built.plusSeconds(60));
        touch(app.resolve("lib/main/some.jar"), built.plusSeconds(120)); // the app was rebuilt since
        ClassArchive.Decision d = archive.decide(JAVA, FLAGS, app);
        assertThat(d.mode()).isEqualTo(ClassArchive.Mode.RECORD);
        assertThat(d.reason()).isEqualTo("older than the packaged app");
    }

    @Test
    void theArchiveTimeIsTheRecordingRunsLaunchSoARebuildDuringThatRunMakesItStale() throws IOException {
        Instant launched = built.plusSeconds(60);
        record(launched);
        touch(app.resolve("quarkus-run.jar"), launched.plusSeconds(5)); // rebuilt while the recording run ran
        assertThat(Files.getLastModifiedTime(archive.path()).toInstant()).isEqualTo(launched);
        assertThat(archive.decide(JAVA, FLAGS, app).mode()).isEqualTo(ClassArchive.Mode.RECORD);
    }

    @Test
    void anotherJvmOrOtherFlagsMeanRecord() throws IOException {
        record(built.plusSeconds(60));
        ClassArchive.Decision otherJvm = archive.decide("/opt/jdk-21/bin/java", FLAGS, app);
        assertThat(otherJvm.mode()).isEqualTo(ClassArchive.Mode.RECORD);
        assertThat(otherJvm.reason()).startsWith("recorded by another JVM");
        ClassArchive.Decision otherFlags = archive.decide(JAVA, List.of("-Xmx256m", "-XX:+UseG1GC"), app);
        assertThat(otherFlags.mode()).isEqualTo(ClassArchive.Mode.RECORD);
        assertThat(otherFlags.reason()).isEqualTo("recorded with other JVM flags");
    }

    @Test
    void anEmptyOrUndocumentedFileIsNeverUsed() throws IOException {
        Files.createDirectories(archive.path().getParent());
        Files.write(archive.path(), new byte[0]);
        assertThat(archive.decide(JAVA, FLAGS, app).mode()).isEqualTo(ClassArchive.Mode.RECORD);
        Files.write(archive.path(), new byte[] {1, 2, 3}); // e.g. copied by hand, without its .properties
        ClassArchive.Decision d = archive.decide(JAVA, FLAGS, app);
        assertThat(d.mode()).isEqualTo(ClassArchive.Mode.RECORD);
        assertThat(d.reason()).isEqualTo("no record of how it was made");
    }

    @Test
    void aRecordingRunThatWroteNothingLeavesNoArchive() throws IOException {
        Path recording = archive.newRecording(1);
        assertThat(archive.commit(recording, JAVA, FLAGS, Instant.now())).isFalse();
        assertThat(archive.path()).doesNotExist();
        Path partial = archive.newRecording(2);
        Files.write(partial, new byte[] {1, 2, 3});
        ClassArchive.discard(partial); // the run was killed while writing
        assertThat(partial).doesNotExist();
        assertThat(archive.decide(JAVA, FLAGS, app).reason()).isEqualTo("absent");
    }

    @Test
    void deleteRemovesTheArchiveAndItsRecord() throws IOException {
        record(built.plusSeconds(60));
        archive.delete();
        assertThat(archive.path()).doesNotExist();
        assertThat(archive.decide(JAVA, FLAGS, app).reason()).isEqualTo("absent");
    }

    @Test
    void offMeansNoFlag() {
        assertThat(ClassArchive.jvmFlags(new ClassArchive.Decision(ClassArchive.Mode.OFF, "switched off"),
                archive.path(), null)).isEmpty();
    }

    @Test
    void theMapsOfAProcessTellWhetherItMappedTheArchive() throws IOException {
        Path maps = home.resolve("maps");
        Path jsa = home.resolve("x/17.jsa");
        Files.writeString(maps, """
                800000000-800a3c000 rw-p 00001000 fe:01 1234  /usr/lib/jvm/java-17/lib/server/classes.jsa
                801000000-805000000 r--p 00000000 fe:01 5678  %s
                7f0000000000-7f0000001000 r-xp 00000000 00:00 0
                """.formatted(jsa));
        assertThat(ClassArchive.mapped(maps, jsa)).contains(true);
        assertThat(ClassArchive.mapped(maps, home.resolve("y/17.jsa"))).contains(false);
        assertThat(ClassArchive.mapped(home.resolve("no-such-maps"), jsa)).isEmpty();
    }

    /** What a recording run leaves: the archive moved into place with how it was made, dated at the run's launch. */
    private void record(Instant launchedAt) throws IOException {
        Path recording = archive.newRecording(7);
        assertThat(recording.getParent()).isEqualTo(archive.path().getParent());
        Files.write(recording, new byte[] {42, 42, 42});
        assertThat(archive.commit(recording, JAVA, FLAGS, launchedAt)).isTrue();
        assertThat(recording).doesNotExist();
        assertThat(archive.path()).exists();
    }

    private static void touch(Path file, Instant time) throws IOException {
        if (!Files.exists(file)) {
            Files.write(file, new byte[] {1});
        }
        Files.setLastModifiedTime(file, FileTime.from(time));
    }
}
