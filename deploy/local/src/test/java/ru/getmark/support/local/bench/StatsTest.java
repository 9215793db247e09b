package ru.getmark.support.local.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class StatsTest {

    @Test
    void percentilesAreNearestRank() {
        long[] hundred = LongStream.rangeClosed(1, 100).toArray();
        assertThat(Stats.percentile(hundred, 50)).isEqualTo(50);
        assertThat(Stats.percentile(hundred, 95)).isEqualTo(95);
        assertThat(Stats.percentile(hundred, 99)).isEqualTo(99);
        assertThat(Stats.percentile(hundred, 100)).isEqualTo(100);
        long[] ten = LongStream.rangeClosed(1, 10).map(v -> v * 10).toArray();
        assertThat(Stats.percentile(ten, 99)).as("with ten values p99 is the largest").isEqualTo(100);
        assertThat(Stats.percentile(ten, 50)).isEqualTo(50);
        assertThat(Stats.percentile(new long[] {7}, 99)).isEqualTo(7);
        assertThat(Stats.percentile(new long[0], 99)).isZero();
    }

    @Test
    void ratesCountTheIntervalsBetweenFirstAndLast() {
        assertThat(Stats.rate(101, 10.0)).isEqualTo(10.0);
        assertThat(Stats.rate(1, 10.0)).isZero();
        assertThat(Stats.rate(100, 0)).isZero();
    }

    @Test
    void channelFiguresFromLatencies() {
        BenchReport.ChannelLatency c = Stats.latency(5, 1, 1, 1, 0, List.of(300L, 100L, 200L, 400L));
        assertThat(c.sent()).isEqualTo(5);
        assertThat(c.failed()).isEqualTo(1);
        assertThat(c.noticed()).isEqualTo(4);
        assertThat(c.onTime()).isEqualTo(3);
        assertThat(c.late()).isEqualTo(1);
        assertThat(c.lost()).isEqualTo(1);
        assertThat(c.p50Ms()).isEqualTo(200);
        assertThat(c.maxMs()).isEqualTo(400);
        assertThat(c.meanMs()).isEqualTo(250.0);
    }
}
