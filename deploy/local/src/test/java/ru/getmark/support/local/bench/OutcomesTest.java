package ru.getmark.support.local.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Late is not lost (issue 8, bench report): a notice after the deadline counts as late with its real latency (in
 * the percentiles); lost is a request that never got one; doubled one that got two; failed one refused on sending.
 */
class OutcomesTest {

    private static final long T0 = 1_700_000_000_000L;
    private static final long DEADLINE = T0 + 40_000;

    @TempDir
    Path dir;

    private static Outcomes.Request request(String token, String channel, boolean accepted, Long... arrivals) {
        return new Outcomes.Request(token, channel, false, T0, accepted, accepted ? null : "HTTP 503: busy",
                List.of(arrivals), DEADLINE);
    }

    private final List<Outcomes.Request> requests = List.of(
            request("bench-e000000", "email", true, T0 + 900),                  // on time
            request("bench-p000001", "phone", true, T0 + 300),                  // on time
            request("bench-e000002", "email", true, DEADLINE + 25_000),         // late: 65 s
            request("bench-p000003", "phone", true),                            // lost
            request("bench-e000004", "email", true, T0 + 1_200, T0 + 1_900),    // doubled (first on time)
            request("bench-p000005", "phone", false),                           // failed
            new Outcomes.Request("bench-we000006", "email", true, T0, true, null, List.of(), DEADLINE)); // warm-up

    @Test
    void eachRequestHasOneStatus() {
        assertThat(requests.stream().map(r -> r.status().label()).toList())
                .containsExactly("ok", "ok", "late", "lost", "doubled", "failed", "lost");
        assertThat(requests.get(2).latencyMs()).isEqualTo(65_000);
        assertThat(requests.get(3).latencyMs()).isEqualTo(-1);
        assertThat(requests.get(4).latencyMs()).as("the first notice counts").isEqualTo(1_200);
    }

    @Test
    void lateRequestsAreNotLostAndTheirLatencyCounts() {
        BenchReport.ChannelLatency all = Outcomes.channel(requests, null);
        assertThat(all.sent()).as("warm-up not counted, the failed one not sent").isEqualTo(5);
        assertThat(all.failed()).isEqualTo(1);
        assertThat(all.noticed()).isEqualTo(4);
        assertThat(all.onTime()).isEqualTo(3);
        assertThat(all.late()).isEqualTo(1);
        assertThat(all.lost()).isEqualTo(1);
        assertThat(all.doubled()).isEqualTo(1);
        assertThat(all.maxMs()).as("the late one is in the figures").isEqualTo(65_000);
        assertThat(all.p99Ms()).isEqualTo(65_000);
        assertThat(all.p50Ms()).isEqualTo(900);

        BenchReport.ChannelLatency email = Outcomes.channel(requests, "email");
        assertThat(email.sent()).isEqualTo(3);
        assertThat(email.late()).isEqualTo(1);
        assertThat(email.lost()).isZero();
        BenchReport.ChannelLatency phone = Outcomes.channel(requests, "phone");
        assertThat(phone.sent()).isEqualTo(2);
        assertThat(phone.lost()).isEqualTo(1);
        assertThat(phone.failed()).isEqualTo(1);
        assertThat(phone.late()).isZero();
    }

    @Test
    void aNoticeExactlyAtTheDeadlineIsOnTime() {
        Outcomes.Request r = request("bench-e000010", "email", true, DEADLINE);
        assertThat(r.status()).isEqualTo(Outcomes.Status.OK);
        assertThat(request("bench-e000011", "email", true, DEADLINE + 1).status()).isEqualTo(Outcomes.Status.LATE);
    }

    @Test
    void theCsvHasOneLinePerRequest() throws IOException {
        Path csv = dir.resolve("sub/bench.requests.csv");
        Outcomes.writeCsv(requests, csv);
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(requests.size() + 1);
        assertThat(lines.get(0)).isEqualTo("token,channel,phase,sent_at,latency_ms,notices,status,error");
        assertThat(lines.get(1)).isEqualTo("bench-e000000,email,measured,2023-11-14T22:13:20Z,900,1,ok,");
        assertThat(lines.get(3)).isEqualTo("bench-e000002,email,measured,2023-11-14T22:13:20Z,65000,1,late,");
        assertThat(lines.get(4)).isEqualTo("bench-p000003,phone,measured,2023-11-14T22:13:20Z,,0,lost,");
        assertThat(lines.get(5)).startsWith("bench-e000004,email,measured,").endsWith(",1200,2,doubled,");
        assertThat(lines.get(6)).endsWith(",,0,failed,\"HTTP 503: busy\"");
        assertThat(lines.get(7)).startsWith("bench-we000006,email,warmup,");
    }
}
