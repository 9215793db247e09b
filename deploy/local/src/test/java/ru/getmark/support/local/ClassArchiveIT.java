package ru.getmark.support.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher's class-data archives with a real JDK 17 (issue 8, start time), on a stand-in service: a tiny jar in
 * the place of intake-phone's packaged app that answers {@code /q/health/ready}. A first start records the archive
 * (written as the JVM exits on SIGTERM), the next one maps it; a truncated archive (which crashes a JVM that maps
 * it) and a foreign one (which the JVM ignores) never keep the service from starting; a rebuilt app makes the
 * archive stale.
 */
class ClassArchiveIT {

    @TempDir
    Path dir;

    @Test
    void recordedThenUsedAndABrokenArchiveNeverStopsAStart() throws Exception {
        Path home = dir.resolve("home");
        Path jar = home.resolve("intake-phone/target/quarkus-app/quarkus-run.jar");
        buildStandIn(jar);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(new TeeStream(printed, System.out), true, StandardCharsets.UTF_8);
        LocalStack.Config config = LocalStack.Config.freePorts(home, dir.resolve("data"))
                .only(List.of("intake-phone")).withFakesOnly();
        ClassArchive archive = config.classArchive("intake-phone");

        try (LocalStack stack = LocalStack.startInfrastructure(config, out)) {
            assertThat(config.classArchiveDecision("intake-phone").reason()).isEqualTo("absent");
            LocalStack.ServiceStart first = stack.startService("intake-phone");
            assertThat(first.classArchive()).isEqualTo(LocalStack.ArchiveUse.RECORDING);
            assertThat(first.cpuMs()).isPositive();
            assertThat(archive.path()).as("written only when the service stops").doesNotExist();
            stack.stopService("intake-phone");
            assertThat(archive.path()).isRegularFile();
            assertThat(Files.size(archive.path())).isGreaterThan(100_000);
            assertThat(Files.list(archive.path().getParent()).map(p -> p.getFileName().toString()))
                    .as("no recording left behind").noneMatch(n -> n.contains(".recording-"));
            assertThat(config.classArchiveDecision("intake-phone").mode()).isEqualTo(ClassArchive.Mode.USE);
            assertThat(Files.readString(stack.log("intake-phone"))).as("the recording run's log stays readable")
                    .doesNotContain("Not linked").doesNotContain("[cds]");

            LocalStack.ServiceStart second = stack.startService("intake-phone");
            assertThat(second.classArchive()).as("the JVM mapped the archive").isEqualTo(LocalStack.ArchiveUse.USED);
            stack.stopService("intake-phone");

            // a truncated archive (e.g. a copy cut short): the JVM may crash mapping it; the service starts anyway
            byte[] whole = Files.readAllBytes(archive.path());
            archive.path().toFile().setWritable(true);
            Files.write(archive.path(), java.util.Arrays.copyOf(whole, whole.length / 2));
            assertThat(config.classArchiveDecision("intake-phone").mode()).isEqualTo(ClassArchive.Mode.USE);
            LocalStack.ServiceStart truncated = stack.startService("intake-phone");
            assertThat(truncated.classArchive()).isIn(LocalStack.ArchiveUse.RECORDING, LocalStack.ArchiveUse.REJECTED);
            stack.stopService("intake-phone");
            if (Files.exists(archive.path())) {
                assertThat(Files.size(archive.path())).as("a new, complete one").isGreaterThan(100_000L);
            } else {
                stack.startService("intake-phone");
                stack.stopService("intake-phone");
            }

            // an archive the JVM does not accept (not a CDS archive at all): ignored, then deleted
            archive.path().toFile().setWritable(true);
            Files.writeString(archive.path(), "not an archive");
            LocalStack.ServiceStart foreign = stack.startService("intake-phone");
            assertThat(foreign.classArchive()).isIn(LocalStack.ArchiveUse.REJECTED, LocalStack.ArchiveUse.RECORDING);
            stack.stopService("intake-phone");
            assertThat(printed.toString(StandardCharsets.UTF_8)).containsAnyOf("did not use the class-data archive",
                    "exited before it was ready");
            try (var files = Files.list(home.resolve("intake-phone"))) {
                assertThat(files.map(p -> p.getFileName().toString()))
                        .as("a crash report goes to the logs, not into the module").noneMatch(n -> n.startsWith("hs_err"));
            }

            // the app rebuilt: the archive is stale, the next start records
            Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(5)));
            assertThat(config.classArchiveDecision("intake-phone").mode()).isEqualTo(ClassArchive.Mode.RECORD);
            assertThat(config.withClassArchives(false).classArchiveDecision("intake-phone").mode())
                    .isEqualTo(ClassArchive.Mode.OFF);
        }
    }

    /** A jar whose main class answers /q/health/ready on -Dquarkus.http.port until the JVM is stopped. */
    private static void buildStandIn(Path jar) throws IOException {
        Path src = jar.getParent().resolveSibling("src/StandIn.java");
        Files.createDirectories(src.getParent());
        Files.createDirectories(jar.getParent());
        Files.writeString(src, """
                import com.sun.net.httpserver.HttpServer;
                import java.net.InetSocketAddress;
                public class StandIn {
                    public static void main(String[] args) throws Exception {
                        int port = Integer.getInteger("quarkus.http.port");
                        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
                        server.createContext("/q/health/ready", exchange -> {
                            byte[] body = "{\\"status\\":\\"UP\\"}".getBytes();
                            exchange.sendResponseHeaders(200, body.length);
                            exchange.getResponseBody().write(body);
                            exchange.close();
                        });
                        server.start();
                    }
                }
                """);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        assertThat(javac.run(null, null, null, "-d", src.getParent().toString(), src.toString())).isZero();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "StandIn");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(new JarEntry("StandIn.class"));
            out.write(Files.readAllBytes(src.resolveSibling("StandIn.class")));
            out.closeEntry();
        }
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
    }

    private static final class TeeStream extends OutputStream {
        private final OutputStream a;
        private final OutputStream b;

        TeeStream(OutputStream a, OutputStream b) {
            this.a = a;
            this.b = b;
        }

        @Override
        public void write(int c) throws IOException {
            a.write(c);
            b.write(c);
        }

        @Override
        public void write(byte[] buf, int off, int len) throws IOException {
            a.write(buf, off, len);
            b.write(buf, off, len);
        }
    }
}
