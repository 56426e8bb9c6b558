package io.strata.testing.generate;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class CurvesTest {
    @Property(tries = 300)
    void sinOfPeriodEqualsTheSineOfTheFullAngle(
            @ForAll @LongRange(min = 0, max = 4_000_000_000_000L) long t,
            @ForAll @LongRange(min = 1_000, max = 86_400_000) long period) {
        double exact = Math.sin(2 * Math.PI * ((double) t / period) + 0.3);
        assertThat(Curves.sinOfPeriod(t, period, 0.3)).isCloseTo(exact, org.assertj.core.data.Offset.offset(1e-5));
    }

    @Property(tries = 200)
    void wavyIntegralNeverDecreasesAndStartsAtZero(
            @ForAll long key,
            @ForAll @LongRange(min = 1_600_000_000_000L, max = 1_900_000_000_000L) long start,
            @ForAll @LongRange(min = 0, max = 86_400_000) long offset) {
        assertThat(Curves.wavyIntegral(key, 3.0, start, start)).isZero();
        double a = Curves.wavyIntegral(key, 3.0, start, start + offset);
        double b = Curves.wavyIntegral(key, 3.0, start, start + offset + 1_000);
        assertThat(b).isGreaterThanOrEqualTo(a).isGreaterThanOrEqualTo(0);
        // Rate between 0.1 and 1.9 times the mean: one second adds 0.3 to 5.7.
        assertThat(b - a).isBetween(0.3 - 1e-6, 5.7 + 1e-6);
    }

    @Test
    void lifetimesLastBetweenHalfAndOneAndAHalfPeriods() {
        long period = 3_600_000;
        long t = 1_700_000_000_000L;
        long previous = Curves.lifetimeStart(99, period, t);
        for (int i = 0; i < 200; i++) {
            // Steps of period / 8 cannot jump over a lifetime, which lasts at least period / 2.
            long probe = previous;
            do {
                probe += period / 8;
            } while (Curves.lifetimeStart(99, period, probe) == previous);
            long next = Curves.lifetimeStart(99, period, probe);
            assertThat(next - previous).isBetween(period / 2, 3 * period / 2);
            assertThat(Curves.lifetimeStart(99, period, next - 1)).isEqualTo(previous);
            assertThat(Curves.lifetimeStart(99, period, next)).isEqualTo(next);
            previous = next;
        }
    }
}
