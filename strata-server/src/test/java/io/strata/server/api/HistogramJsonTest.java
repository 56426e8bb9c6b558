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
    void exponentialBoundsMatchPrometheusTable() {
        // Entries of Prometheus's exponentialBounds table, times 2 for index = i within the first power.
        assertThat(HistogramJson.bound(1, 1, null)).isEqualTo(2 * 0.7071067811865475);
        assertThat(HistogramJson.bound(1, 3, null)).isEqualTo(2 * 0.5452538663326288);
        assertThat(HistogramJson.bound(5, 5, null)).isEqualTo(2 * 0.5571933712979462);
        assertThat(HistogramJson.bound(255, 8, null)).isEqualTo(2 * 0.9972960560854698);
        assertThat(HistogramJson.bound(127, 7, null)).isEqualTo(2 * 0.9945994234836328);
        assertThat(HistogramJson.bound(0, 0, null)).isEqualTo(1);
        assertThat(HistogramJson.bound(-3, 0, null)).isEqualTo(0.125);
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
