package io.strata.aggregator.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.encoding.chunk.DecimalScale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class DecimalMathTest {
    @Test
    void sumsOfShortDecimalsStayShortDecimals() {
        assertThat(0.1 + 0.2).as("what binary floating point gives").isNotEqualTo(0.3);
        assertThat(DecimalMath.add(0.1, 0.2)).isEqualTo(0.3);
        assertThat(DecimalMath.subtract(1290.37, 0.07)).isEqualTo(1290.3);
        assertThat(DecimalMath.add(12_345_678.5, 0.25)).isEqualTo(12_345_678.75);
    }

    @Test
    void fallsBackToPlainArithmeticForOtherValues() {
        assertThat(DecimalMath.add(Math.PI, 1)).isEqualTo(Math.PI + 1);
        assertThat(DecimalMath.add(Double.NaN, 1)).isNaN();
        assertThat(DecimalMath.add(1e300, 1e300)).isEqualTo(2e300);
    }

    @Property(tries = 300)
    void addingTwoDecimalsGivesTheDecimalOfTheSum(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long a,
            @ForAll @LongRange(min = -1_000_000_000L, max = 1_000_000_000L) long b) {
        double x = a / 1000.0;
        double y = b / 100.0;
        double sum = DecimalMath.add(x, y);
        assertThat(DecimalScale.fits(sum, 3)).isTrue();
        assertThat(DecimalScale.scaled(sum, 3)).isEqualTo(a + b * 10);
    }
}
