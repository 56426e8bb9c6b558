package io.strata.bench.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {
    private static final long MS = 1_000_000;

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        LatencyStats s = LatencyStats.ofNanos(new long[] {30 * MS, 10 * MS, 20 * MS}, 3);
        assertThat(s.p50()).isEqualTo(20.0);
        assertThat(s.min()).isEqualTo(10.0);
        assertThat(s.max()).isEqualTo(30.0);
        assertThat(s.mean()).isEqualTo(20.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(LatencyStats.ofNanos(new long[] {4 * MS, 1 * MS, 3 * MS, 2 * MS}, 4).p50()).isEqualTo(2.5);
    }

    @Test
    void upperPercentilesInterpolateBetweenRanks() {
        long[] tenToHundred = new long[10];
        for (int i = 0; i < 10; i++) {
            tenToHundred[i] = (i + 1) * 10 * MS;
        }
        LatencyStats s = LatencyStats.ofNanos(tenToHundred, 10);
        // rank 0.9 * 9 = 8.1 -> 90 + 0.1 * (100 - 90); rank 0.99 * 9 = 8.91
        assertThat(s.p90()).isCloseTo(91.0, within(1e-9));
        assertThat(s.p99()).isCloseTo(99.1, within(1e-9));
        assertThat(s.count()).isEqualTo(10);
    }

    @Test
    void usesOnlyTheFirstNValuesAndLeavesTheArrayAlone() {
        long[] nanos = {5 * MS, 1 * MS, 999 * MS};
        LatencyStats s = LatencyStats.ofNanos(nanos, 2);
        assertThat(s.max()).isEqualTo(5.0);
        assertThat(s.p50()).isEqualTo(3.0);
        assertThat(nanos).containsExactly(5 * MS, 1 * MS, 999 * MS);
    }

    @Test
    void oneValueIsEveryStatistic() {
        LatencyStats s = LatencyStats.ofNanos(new long[] {1_500_000}, 1);
        assertThat(new double[] {s.min(), s.p50(), s.p90(), s.p99(), s.max(), s.mean()}).containsOnly(1.5);
    }

    @Test
    void noValuesGiveNaN() {
        LatencyStats s = LatencyStats.ofNanos(new long[4], 0);
        assertThat(s.count()).isZero();
        assertThat(s.p50()).isNaN();
        assertThat(s.mean()).isNaN();
    }

    @Test
    void rejectsACountBeyondTheArray() {
        assertThatThrownBy(() -> LatencyStats.ofNanos(new long[2], 3)).hasMessageContaining("[n=3]");
    }
}
