package io.strata.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadTest {
    @Test
    void medianOfOddCountIsTheMiddleValue() {
        assertThat(Spread.of(3, 1, 2)).isEqualTo(new Spread(3, 2, 1, 3));
    }

    @Test
    void medianOfEvenCountIsTheMeanOfTheMiddleTwo() {
        assertThat(Spread.of(4, 1, 3, 2)).isEqualTo(new Spread(4, 2.5, 1, 4));
    }

    @Test
    void runsWithoutValueAreSkipped() {
        assertThat(Spread.of(Double.NaN, 5, Double.NaN)).isEqualTo(new Spread(1, 5, 5, 5));
    }

    @Test
    void noValueGivesAnAbsentSpread() {
        Spread none = Spread.of(Double.NaN);
        assertThat(none.present()).isFalse();
        assertThat(none.median()).isNaN();
    }

    @Test
    void ratioDividesMedians() {
        assertThat(Spread.ratio(Spread.of(1, 2, 3), Spread.of(4, 8, 100))).isEqualTo(0.25);
    }

    @Test
    void ratioIsNaNWhenEitherSideIsMissingOrTheDenominatorIsZero() {
        assertThat(Spread.ratio(Spread.of(1), Spread.of(Double.NaN))).isNaN();
        assertThat(Spread.ratio(Spread.of(Double.NaN), Spread.of(1))).isNaN();
        assertThat(Spread.ratio(Spread.of(1), Spread.of(0))).isNaN();
    }
}
