package io.strata.bench.write;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {
    @Test
    void percentilesAreWithinBucketPrecisionOfTheExactOnes() {
        long seed = 20_250_601L;
        Random random = new Random(seed);
        long[] values = new long[20_000];
        LatencyHistogram h = new LatencyHistogram();
        for (int i = 0; i < values.length; i++) {
            // Log-normal-ish latencies from 50 us to seconds, like real requests.
            values[i] = (long) Math.exp(7 + 1.5 * random.nextGaussian());
            h.record(values[i]);
        }
        Arrays.sort(values);
        for (double q : new double[] {0.5, 0.9, 0.99, 0.999}) {
            long exact = values[(int) Math.ceil(q * values.length) - 1];
            assertThat((double) h.percentileMicros(q)).as("p%s (seed %d)", q * 100, seed)
                    .isBetween(exact * 0.999, exact * 1.0625 + 1);
        }
        assertThat(h.maxMicros()).isEqualTo(values[values.length - 1]);
        assertThat(h.percentileMicros(1.0)).isEqualTo(values[values.length - 1]);
        assertThat(h.count()).isEqualTo(values.length);
    }

    @Test
    void bucketsAreContiguousAndContainTheirValues() {
        for (int i = 0; i < 900; i++) {
            assertThat(LatencyHistogram.upperBound(i) + 1).isEqualTo(LatencyHistogram.lowerBound(i + 1));
            assertThat(LatencyHistogram.index(LatencyHistogram.lowerBound(i))).isEqualTo(i);
            assertThat(LatencyHistogram.index(LatencyHistogram.upperBound(i))).isEqualTo(i);
        }
    }

    @Test
    void mergingAddsCountsAndKeepsExtremes() {
        LatencyHistogram a = new LatencyHistogram();
        LatencyHistogram b = new LatencyHistogram();
        a.record(10);
        b.record(5_000);
        b.record(7);
        a.add(b);
        assertThat(a.count()).isEqualTo(3);
        assertThat(a.minMicros()).isEqualTo(7);
        assertThat(a.maxMicros()).isEqualTo(5_000);
        assertThat(a.percentileMicros(0.5)).isEqualTo(10);
        assertThat(new LatencyHistogram().percentileMicros(0.99)).isZero();
    }
}
