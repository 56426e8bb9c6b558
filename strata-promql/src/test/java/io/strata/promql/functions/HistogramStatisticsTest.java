package io.strata.promql.functions;

import io.strata.promql.value.FloatHistogram;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HistogramStatisticsTest {
    private static final int[] NONE = {};
    private static final double[] EMPTY = {};

    /** testhistogram3{start="positive"} of histograms.test at 50m, as a histogram with custom buckets. */
    private static final FloatHistogram CUSTOM = new FloatHistogram(FloatHistogram.CounterResetHint.UNKNOWN,
            HistogramStatistics.CUSTOM_BUCKETS_SCHEMA, 0, 0, 110, 330, new int[] {1}, new int[] {3},
            new double[] {50, 20, 40}, NONE, NONE, EMPTY, new double[] {0, 0.1, 0.2, 1});

    @Test
    void countSumAndAverage() {
        assertThat(HistogramStatistics.count(CUSTOM)).isEqualTo(110);
        assertThat(HistogramStatistics.sum(CUSTOM)).isEqualTo(330);
        assertThat(HistogramStatistics.avg(CUSTOM)).isEqualTo(3);
    }

    @Test
    void varianceOfCustomBucketsUsesBucketMidpoints() {
        assertThat(HistogramStatistics.variance(CUSTOM)).isCloseTo(7.527045454545455, within(1e-12));
        assertThat(Math.sqrt(HistogramStatistics.variance(CUSTOM))).isCloseTo(2.7435461458749795, within(1e-12));
    }

    @Test
    void exponentialBoundsArePowersOfTwoToTheSchema() {
        assertThat(HistogramStatistics.bound(0, 0)).isEqualTo(1);
        assertThat(HistogramStatistics.bound(1, 0)).isEqualTo(2);
        assertThat(HistogramStatistics.bound(-1, 0)).isEqualTo(0.5);
        assertThat(HistogramStatistics.bound(1, 1)).isCloseTo(Math.sqrt(2), within(1e-15));
        assertThat(HistogramStatistics.bound(2, 1)).isEqualTo(2);
        assertThat(HistogramStatistics.bound(1, -1)).isEqualTo(4);
        assertThat(HistogramStatistics.bound(1024, 0)).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void bucketsComeInAscendingOrderWithTheZeroBucket() {
        FloatHistogram h = new FloatHistogram(FloatHistogram.CounterResetHint.UNKNOWN, 0, 0.001, 3, 9, 0,
                new int[] {1}, new int[] {2}, new double[] {1, 2}, new int[] {0, 1}, new int[] {1, 1},
                new double[] {1, 2}, null);
        List<double[]> buckets = new ArrayList<>();
        HistogramStatistics.forEachBucket(h, (lower, upper, count) -> buckets.add(new double[] {lower, upper, count}));
        assertThat(buckets).containsExactly(new double[] {-4, -2, 2}, new double[] {-1, -0.5, 1},
                new double[] {-0.001, 0.001, 3}, new double[] {1, 2, 1}, new double[] {2, 4, 2});
    }

    @Test
    void varianceOfExponentialBucketsUsesGeometricMeansAndZeroForTheZeroBucket() {
        FloatHistogram h = new FloatHistogram(FloatHistogram.CounterResetHint.UNKNOWN, 0, 0.001, 1, 3, 4.5,
                new int[] {1}, new int[] {2}, new double[] {1, 1}, NONE, NONE, EMPTY, null);
        double mean = 1.5;
        double expected = (Math.pow(0 - mean, 2) + Math.pow(Math.sqrt(2) - mean, 2) + Math.pow(Math.sqrt(8) - mean, 2))
                / 3;
        assertThat(HistogramStatistics.variance(h)).isCloseTo(expected, within(1e-12));
    }
}
