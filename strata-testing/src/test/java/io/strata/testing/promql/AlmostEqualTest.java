package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.SampleValues;
import org.junit.jupiter.api.Test;

class AlmostEqualTest {
    @Test
    void zeroIsComparedExactly() {
        assertThat(AlmostEqual.equal(1e-17, 0)).isFalse();
        assertThat(AlmostEqual.equal(0, 1e-300)).isFalse();
        assertThat(AlmostEqual.equal(0, 0)).isTrue();
        assertThat(AlmostEqual.equal(-0.0, 0.0)).isTrue();
    }

    @Test
    void relativeErrorBelowOneInAMillionIsEqual() {
        assertThat(AlmostEqual.equal(1, 1 + 1e-7)).isTrue();
        assertThat(AlmostEqual.equal(1e20, 1.0000001e20)).isTrue();
        assertThat(AlmostEqual.equal(1, 1.00001)).isFalse();
        assertThat(AlmostEqual.equal(-1, 1)).isFalse();
    }

    @Test
    void nanEqualsNanButTheStaleMarkerOnlyItself() {
        assertThat(AlmostEqual.equal(Double.NaN, Double.NaN)).isTrue();
        assertThat(AlmostEqual.equal(SampleValues.STALE_NAN, SampleValues.STALE_NAN)).isTrue();
        assertThat(AlmostEqual.equal(SampleValues.STALE_NAN, Double.NaN)).isFalse();
        assertThat(AlmostEqual.equal(Double.NaN, SampleValues.STALE_NAN)).isFalse();
        assertThat(AlmostEqual.equal(Double.NaN, 1)).isFalse();
    }

    @Test
    void infinitiesAreEqualOnlyWithTheSameSign() {
        assertThat(AlmostEqual.equal(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY)).isTrue();
        assertThat(AlmostEqual.equal(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY)).isFalse();
        assertThat(AlmostEqual.equal(Double.POSITIVE_INFINITY, Double.MAX_VALUE)).isFalse();
        assertThat(AlmostEqual.equal(Double.MAX_VALUE, Double.MAX_VALUE * (1 - 1e-9))).isTrue();
    }

    @Test
    void valuesBelowTheSmallestNormalDoubleCompareAbsolutely() {
        assertThat(AlmostEqual.equal(Double.MIN_VALUE, 2 * Double.MIN_VALUE)).isTrue();
        assertThat(AlmostEqual.equal(Double.MIN_NORMAL / 2, Double.MIN_NORMAL / 4)).isFalse();
    }
}
