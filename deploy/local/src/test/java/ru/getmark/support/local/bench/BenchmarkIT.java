package ru.getmark.support.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ru.getmark.support.common.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run of {@code ./getmark bench}: the whole benchmark with tiny figures (N = 300, 4 requests/s for 5 s,
 * notification window 5 s) against the packaged services, so that it keeps working. It checks that every figure is
 * there and that nothing was lost or doubled — never how fast anything was (this machine runs other builds).
 */
class BenchmarkIT {

    @TempDir
    Path dir;

    @Test
    void theSmokeRunHasEveryFigureAndLosesNothing() throws IOException {
        Path home = Path.of(System.getProperty("getmark.home", "../..")).toAbsolutePath().normalize();
        Path json = dir.resolve("bench.json");
        Set<Path> benchDirsBefore = benchTempDirs();
        Benchmark.Options options = Benchmark.parse(new String[] {"--home", home.toString(), "--n", "300",
                "--rate", "4", "--seconds", "5", "--notify-seconds", "5", "--warmup", "2", "--settle-seconds", "1",
                "--mailboxes", "4", "--out", json.toString()});

        BenchReport report = Benchmark.run(options, System.out);

        JsonNode r = Json.MAPPER.readTree(json.toFile());
        assertThat(r.path("schema").asText()).isEqualTo(BenchReport.SCHEMA);
        assertThat(r.path("command").asText()).startsWith("./getmark bench");
        JsonNode machine = r.path("machine");
        assertThat(machine.path("cores").asInt()).isPositive();
        assertThat(machine.path("memoryMib").asLong()).isPositive();
        assertThat(machine.path("cpu").asText()).isNotBlank();
        assertThat(machine.path("os").asText()).isNotBlank();
        assertThat(machine.path("java").asText()).startsWith(System.getProperty("java.version"));
        assertThat(r.path("loadAverage").path("atStart").isNumber()).isTrue();
        JsonNode archives = r.path("classArchives");
        assertThat(archives.path("enabled").asBoolean()).isTrue();
        assertThat(archives.path("recordedBefore").isArray()).isTrue();

        JsonNode durability = r.path("durability");
        assertThat(durability.path("postgres").path("fsync").asText()).isEqualTo("on");
        assertThat(durability.path("postgres").path("synchronous_commit").asText()).isEqualTo("on");
        assertThat(durability.path("benchProducerAcks").asText()).isEqualTo("all");
        assertThat(durability.path("serviceProducers").size()).as("producers read from the services' logs")
                .isGreaterThanOrEqualTo(6);
        assertThat(durability.path("dataPathAcksAll").asBoolean()).as("%s", durability.path("notAcksAll")).isTrue();
        assertThat(durability.has("allProducersAcksAll")).isTrue();

        // 1. registration: N registered exactly once; the baseline wrote N distinct rows
        JsonNode ticketService = r.path("registration").path("ticketService");
        assertThat(ticketService.path("registered").asLong()).isEqualTo(300);
        assertThat(ticketService.path("distinctTickets").asLong()).isEqualTo(300);
        assertThat(ticketService.path("missing").asLong()).isZero();
        assertThat(ticketService.path("doubled").asLong()).isZero();
        assertThat(ticketService.path("foreign").asLong()).isZero();
        assertThat(ticketService.path("deadLettered").asLong()).isZero();
        assertThat(ticketService.path("perSecond").asDouble()).isPositive();
        assertThat(ticketService.path("firstEventAt").asText()).isNotBlank();
        assertThat(ticketService.path("startToReadyMs").asLong()).isPositive();
        JsonNode baseline = r.path("registration").path("baseline");
        assertThat(baseline.path("rows").asLong()).isEqualTo(300);
        assertThat(baseline.path("distinct").asLong()).isEqualTo(300);
        assertThat(baseline.path("batchSize").asInt()).isEqualTo(100);
        assertThat(baseline.path("perSecond").asDouble()).isPositive();
        assertThat(r.path("registration").path("ratio").asDouble()).isPositive();

        // 2. latency: 10 emails and 10 calls, each noticed once
        JsonNode latency = r.path("latency");
        assertThat(latency.path("requests").asInt()).isEqualTo(20);
        assertThat(latency.path("onTimeSeconds").asInt()).isEqualTo(30);
        assertThat(latency.path("lateWatchSeconds").asInt()).isEqualTo(120);
        for (String channel : List.of("email", "phone")) {
            JsonNode c = latency.path(channel);
            assertThat(c.path("sent").asLong()).as(channel).isEqualTo(10);
            assertThat(c.path("failed").asLong()).as(channel).isZero();
            assertThat(c.path("noticed").asLong()).as(channel).isEqualTo(10);
            assertThat(c.path("onTime").asLong() + c.path("late").asLong()).as(channel).isEqualTo(10);
            assertThat(c.path("lost").asLong()).as(channel).isZero();
            assertThat(c.path("doubled").asLong()).as(channel).isZero();
            for (String figure : List.of("p50Ms", "p95Ms", "p99Ms", "maxMs")) {
                assertThat(c.path(figure).asLong()).as(channel + " " + figure).isPositive();
            }
            assertThat(c.path("p50Ms").asLong()).isLessThanOrEqualTo(c.path("p99Ms").asLong());
            assertThat(c.path("p99Ms").asLong()).isLessThanOrEqualTo(c.path("maxMs").asLong());
        }
        assertThat(latency.path("otherMail").asLong()).isZero();

        // the per-request CSV next to the JSON: 2 warm-up and 20 measured requests, each with its notice
        Path csv = dir.resolve("bench.requests.csv");
        assertThat(r.path("requestsCsv").asText()).isEqualTo(csv.toString());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("token,channel,phase,sent_at,latency_ms,notices,status,error");
        assertThat(lines).hasSize(23);
        assertThat(lines.stream().filter(l -> l.contains(",measured,"))).hasSize(20)
                .allMatch(l -> l.matches("bench-[ep]\\d{6},(email|phone),measured,\\S+Z,\\d+,1,(ok|late),"), "noticed once");

        // 3. notification throughput
        JsonNode notification = r.path("notification");
        assertThat(notification.path("expected").asLong()).isEqualTo(300);
        assertThat(notification.path("delivered").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(notification.path("perSecond").asDouble()).isPositive();

        // 4. footprint: the six services, each with a start time and resident memory idle and under load
        JsonNode services = r.path("footprint").path("services");
        assertThat(services.size()).isEqualTo(6);
        for (JsonNode service : services) {
            String name = service.path("service").asText();
            assertThat(service.path("startToReadyMs").asLong()).as(name).isPositive();
            assertThat(service.path("startCpuMs").asLong()).as(name).isPositive();
            assertThat(service.path("restartToReadyMs").asLong()).as(name).isPositive();
            assertThat(service.path("restartCpuMs").asLong()).as(name).isPositive();
            // trained first, so used — unless another build repackaged the service meanwhile: then the start
            // records a new one, or the JVM refuses the old one (rejected); never a plain start without saying so
            assertThat(service.path("classArchive").asText()).as(name).isIn("used", "recording", "rejected");
            assertThat(service.path("restartClassArchive").asText()).as(name).isIn("used", "recording", "rejected");
            assertThat(service.path("idleRssMib").asDouble()).as(name).isGreaterThan(10);
            assertThat(service.path("maxRssMib").asDouble()).as(name).isGreaterThan(10);
        }
        assertThat(r.path("footprint").path("idleTotalMib").asDouble()).isGreaterThan(60);
        assertThat(r.path("footprint").path("maxTotalMib").asDouble()).isGreaterThan(60);

        assertThat(r.path("targets").size()).isEqualTo(7);
        assertThat(report.integrity().problems()).isEmpty();
        assertThat(r.path("integrity").path("ok").asBoolean()).isTrue();

        // nothing left behind: no process of the run, no temporary folder
        assertThat(ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList()).isEmpty();
        assertThat(benchTempDirs()).isEqualTo(benchDirsBefore);
    }

    private static Set<Path> benchTempDirs() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("getmark-bench-"))
                    .collect(Collectors.toSet());
        }
    }
}
