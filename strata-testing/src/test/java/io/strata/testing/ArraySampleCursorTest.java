package io.strata.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.storage.SampleCursor;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ArraySampleCursorTest {
    private static final long[] TS = {10, 20, 30, 40};
    private static final double[] VS = {1, 2, 3, 4};

    @Test
    void iteratesItsSliceOnly() {
        ArraySampleCursor c = new ArraySampleCursor(TS, VS, 1, 3, () -> false);
        assertThat(c.next()).isEqualTo(SampleCursor.FLOAT);
        assertThat(c.timestamp()).isEqualTo(20);
        assertThat(c.next()).isEqualTo(SampleCursor.FLOAT);
        assertThat(c.value()).isEqualTo(3.0);
        assertThat(c.next()).isEqualTo(SampleCursor.NONE);
        assertThat(c.next()).isEqualTo(SampleCursor.NONE);
        assertThat(c.seek(0)).isEqualTo(SampleCursor.NONE);
    }

    @Test
    void seekNeverMovesBackwards() {
        ArraySampleCursor c = new ArraySampleCursor(TS, VS, 0, 4, () -> false);
        assertThat(c.seek(25)).isEqualTo(SampleCursor.FLOAT);
        assertThat(c.timestamp()).isEqualTo(30);
        assertThat(c.seek(5)).isEqualTo(SampleCursor.FLOAT);
        assertThat(c.timestamp()).isEqualTo(30);
        assertThat(c.seek(30)).isEqualTo(SampleCursor.FLOAT);
        assertThat(c.timestamp()).isEqualTo(30);
        assertThat(c.seek(41)).isEqualTo(SampleCursor.NONE);
    }

    @Test
    void readingBeforePositioningIsABug() {
        ArraySampleCursor c = new ArraySampleCursor(TS, VS, 0, 4, () -> false);
        assertThatThrownBy(c::timestamp).hasMessageStartingWith("BUG:");
    }

    @Property(tries = 200)
    void seekAgreesWithLinearScan(
            @ForAll @Size(max = 20) java.util.List<@IntRange(min = 0, max = 5) Integer> gaps,
            @ForAll @IntRange(min = -5, max = 120) int target) {
        long[] ts = new long[gaps.size()];
        long t = 0;
        for (int i = 0; i < ts.length; i++) {
            t += gaps.get(i) + 1;
            ts[i] = t;
        }
        double[] vs = new double[ts.length];
        ArraySampleCursor c = new ArraySampleCursor(ts, vs, 0, ts.length, () -> false);
        int kind = c.seek(target);
        Long expected = null;
        for (long x : ts) {
            if (x >= target) {
                expected = x;
                break;
            }
        }
        if (expected == null) {
            assertThat(kind).isEqualTo(SampleCursor.NONE);
        } else {
            assertThat(kind).isEqualTo(SampleCursor.FLOAT);
            assertThat(c.timestamp()).isEqualTo(expected);
        }
    }
}
