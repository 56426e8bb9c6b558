package io.strata.promql.functions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BucketMathTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private final BucketMath.Monotonicity fix = new BucketMath.Monotonicity();

    private double quantile(double q, double[] upper, double[] count) {
        return BucketMath.quantile(q, upper.clone(), count.clone(), upper.length, fix);
    }

    private static double fraction(double lower, double upper, double[] bounds, double[] count) {
        return BucketMath.fraction(lower, upper, bounds.clone(), count.clone(), bounds.length);
    }

    /** testhistogram3 of histograms.test at 50m. */
    @ParameterizedTest
    @CsvSource({"0, 0, -0.25", "0.25, 0.055, -0.225", "0.5, 0.125, -0.2", "0.75, 0.45, -0.15", "1, 1, -0.1"})
    void quantilesOfPositiveAndNegativeHistograms(double q, double positive, double negative) {
        assertThat(quantile(q, new double[] {0, 0.1, 0.2, 1, INF}, new double[] {0, 50, 70, 110, 110}))
                .isCloseTo(positive, within(1e-12));
        assertThat(quantile(q, new double[] {-0.25, -0.2, -0.1, 0.3, INF}, new double[] {0, 10, 20, 20, 20}))
                .isCloseTo(negative, within(1e-12));
        assertThat(fix.forced).isFalse();
    }

    @Test
    void quantileOutsideZeroToOneIsInfiniteAndNaNIsNaN() {
        double[] upper = {1, INF};
        double[] count = {1, 2};
        assertThat(quantile(-0.1, upper, count)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(quantile(1.01, upper, count)).isEqualTo(INF);
        assertThat(quantile(Double.NaN, upper, count)).isNaN();
    }

    @Test
    void noInfBucketOrNoObservationsIsNaN() {
        assertThat(quantile(0.5, new double[] {1, 2}, new double[] {1, 2})).isNaN();
        assertThat(quantile(0.5, new double[] {0.1, 0.2, INF}, new double[] {0, 0, 0})).isNaN();
        assertThat(quantile(0.5, new double[] {INF}, new double[] {5})).isNaN();
    }

    @Test
    void aQuantileInTheInfBucketIsTheSecondHighestBound() {
        assertThat(quantile(0.99, new double[] {1, 2, INF}, new double[] {1, 2, 10})).isEqualTo(2);
    }

    @Test
    void equalBoundsAreMerged() {
        // 0.2 and 2e-1 are one bucket; mixed_bucket of histograms.test.
        assertThat(quantile(0.5, new double[] {0.1, 0.2, 0.2, 0.2, INF}, new double[] {1, 1, 1, 1, 4}))
                .isCloseTo(0.15, within(1e-12));
    }

    @Test
    void nonMonotonicCountsAreRaisedAndReported() {
        double[] upper = {0.1, 1, 10, 100, 1000, INF};
        double[] count = {20, 10, 50, 40, 90, 80};
        assertThat(quantile(0.01, upper, count)).isCloseTo(0.0045, within(1e-12));
        assertThat(quantile(0.99, upper, count)).isCloseTo(979.75, within(1e-9));
        assertThat(quantile(0.5, upper, count)).isCloseTo(8.5, within(1e-12));
        assertThat(fix.forced).isTrue();
        assertThat(fix.minBucket).isEqualTo(1);
        assertThat(fix.maxBucket).isEqualTo(INF);
        assertThat(fix.maxDiff).isEqualTo(10);
    }

    @Test
    void floatingPointNoiseIsFlattenedWithoutReport() {
        double[] upper = {1, 2, INF};
        double[] count = {10, 10 - 1e-14, 20};
        assertThat(quantile(0.5, upper, count)).isCloseTo(1, within(1e-9));
        assertThat(fix.forced).isFalse();
    }

    @Test
    void fractionsOfPositiveBuckets() {
        double[] upper = {0, 2, 4, 6, INF};
        double[] count = {0, 10, 20, 30, 30};
        assertThat(fraction(0, 4, upper, count)).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(fraction(0, 6, upper, count)).isEqualTo(1);
        assertThat(fraction(0, 3.5, upper, count)).isCloseTo(0.5833333333333334, within(1e-12));
        assertThat(fraction(0, 1.5, new double[] {1, 2, 3, INF}, new double[] {1, 3, 6, 100}))
                .isCloseTo(0.02, within(1e-12));
    }

    @Test
    void bucketsWithAnInfiniteBoundAreNotInterpolated() {
        // A bound inside (-Inf, -3] counts the whole bucket below it.
        assertThat(fraction(-4, -2, new double[] {-3, -2, -1, INF}, new double[] {10, 12, 15, 100}))
                .isCloseTo(0.02, within(1e-12));
        // A bound inside (3, +Inf] counts none of the bucket below it: all 94 observations are above 400.
        assertThat(fraction(400, INF, new double[] {1, 2, 3, INF}, new double[] {1, 3, 6, 100}))
                .isCloseTo(0.94, within(1e-12));
    }

    @Test
    void fractionEdgeCases() {
        double[] upper = {1, 2, INF};
        double[] count = {1, 2, 4};
        assertThat(fraction(2, 2, upper, count)).isZero();
        assertThat(fraction(3, 2, upper, count)).isZero();
        assertThat(fraction(Double.NaN, 1, upper, count)).isNaN();
        assertThat(fraction(0, 1, upper, new double[] {0, 0, 0})).isNaN();
        assertThat(fraction(Double.NEGATIVE_INFINITY, INF, upper, count)).isEqualTo(1);
    }

    @Test
    void almostEqualIsRelativeAndExactAtZero() {
        assertThat(BucketMath.almostEqual(1, 1 + 1e-13, 1e-12)).isTrue();
        assertThat(BucketMath.almostEqual(1, 1 + 1e-11, 1e-12)).isFalse();
        assertThat(BucketMath.almostEqual(0, 1e-300, 1e-12)).isFalse();
        assertThat(BucketMath.almostEqual(Double.NaN, Double.NaN, 1e-12)).isTrue();
    }
}
