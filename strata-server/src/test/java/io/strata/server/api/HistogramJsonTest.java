package io.strata.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Bucket bounds equal Prometheus's constants, which are a few units in the last place off the
 * exact powers of two in places (schema 5, index 27 is 3 below), so only closeness is checked
 * against the exact values.
 */
class HistogramJsonTest {
    @Test
    void exponentialBoundsArePowersOfTwoToTheIndexOverTwoToTheSchema() {
        assertThat(HistogramJson.bound(1, 1, null)).isEqualTo(Math.sqrt(2));
        assertThat(HistogramJson.bound(2, 0, null)).isEqualTo(4.0);
        assertThat(HistogramJson.bound(-1, 0, null)).isEqualTo(0.5);
        for (int schema = 0; schema <= 8; schema++) {
            for (int index = -300; index <= 300; index += 7) {
                double exact = StrictMath.pow(2, index / (double) (1 << schema));
                assertThat(HistogramJson.bound(index, schema, null)).isCloseTo(exact, org.assertj.core.data.Percentage.withPercentage(1e-12));
            }
        }
    }

    @Test
    void everyBoundIsCloseToTheExactPowerAndAscending() {
        for (int schema = 0; schema <= 8; schema++) {
            int n = 1 << schema;
            for (int i = 0; i < n; i++) {
                double expected = Math.pow(2, (double) i / n);
                double actual = HistogramJson.bound(i, schema, null);
                assertThat(Math.abs(actual - expected)).as("schema %d index %d", schema, i)
                        .isLessThanOrEqualTo(1e-14 * expected);
                if (i > 0) {
                    assertThat(actual).isGreaterThan(HistogramJson.bound(i - 1, schema, null));
                }
            }
        }
    }

    @Test
    void negativeSchemasAndTheLastFiniteBucket() {
        assertThat(HistogramJson.bound(1, -2, null)).isEqualTo(16);
        assertThat(HistogramJson.bound(256, -2, null)).isEqualTo(Double.MAX_VALUE);
        assertThat(HistogramJson.bound(257, -2, null)).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(HistogramJson.bound(1024, 0, null)).isEqualTo(Double.MAX_VALUE);
    }

    @Test
    void customBoundsAreTheGivenValuesBetweenInfinities() {
        double[] bounds = {0.5, 1};
        assertThat(HistogramJson.bound(-1, HistogramJson.CUSTOM_BUCKETS_SCHEMA, bounds)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(HistogramJson.bound(1, HistogramJson.CUSTOM_BUCKETS_SCHEMA, bounds)).isEqualTo(1);
        assertThat(HistogramJson.bound(2, HistogramJson.CUSTOM_BUCKETS_SCHEMA, bounds)).isEqualTo(Double.POSITIVE_INFINITY);
    }
}
