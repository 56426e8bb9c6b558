package io.strata.storage.merge;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.SampleCursor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class MergeSampleCursorTest {

    @Test
    void interleavesTwoSourcesByTimestamp() {
        SampleCursor c = MergeSampleCursor.of(cursor(1, 3, 5), cursor(2, 4, 6));
        assertThat(drain(c)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    }

    @Test
    void firstSourceWinsOnEqualTimestamps() {
        SampleCursor c = MergeSampleCursor.of(
                new ArrayCursor(new long[] {10, 20}, new double[] {1, 2}),
                new ArrayCursor(new long[] {10, 20, 30}, new double[] {9, 9, 9}));
        List<Double> values = new ArrayList<>();
        while (c.next() == SampleCursor.FLOAT) {
            values.add(c.value());
        }
        assertThat(values).containsExactly(1.0, 2.0, 9.0);
    }

    @Test
    void seekDoesNotMoveBackwards() {
        SampleCursor c = MergeSampleCursor.of(cursor(1, 5), cursor(3, 7));
        assertThat(c.seek(4)).isEqualTo(SampleCursor.FLOAT);
        assertThat(c.timestamp()).isEqualTo(5);
        assertThat(c.seek(2)).isEqualTo(SampleCursor.FLOAT);
        assertThat(c.timestamp()).isEqualTo(5);
        assertThat(c.next()).isEqualTo(SampleCursor.FLOAT);
        assertThat(c.timestamp()).isEqualTo(7);
        assertThat(c.next()).isEqualTo(SampleCursor.NONE);
        assertThat(c.seek(0)).isEqualTo(SampleCursor.NONE);
        assertThat(c.next()).isEqualTo(SampleCursor.NONE);
    }

    @Test
    void emptyInputsGiveAnExhaustedCursor() {
        SampleCursor c = MergeSampleCursor.of(cursor(), cursor());
        assertThat(c.next()).isEqualTo(SampleCursor.NONE);
        assertThat(c.seek(0)).isEqualTo(SampleCursor.NONE);
    }

    @Test
    void resetReusesTheInstance() {
        MergeSampleCursor c = new MergeSampleCursor().add(cursor(1)).add(cursor(2));
        assertThat(drain(c)).containsExactly(1L, 2L);
        c.reset().add(cursor(7)).add(cursor(3)).add(cursor(5));
        assertThat(drain(c)).containsExactly(3L, 5L, 7L);
    }

    @Property(tries = 200)
    void agreesWithSortedMapMerge(@ForAll("sources") List<long[]> sources, @ForAll long seekSeed) {
        Map<Long, Double> expected = new TreeMap<>();
        MergeSampleCursor c = new MergeSampleCursor();
        for (int s = 0; s < sources.size(); s++) {
            long[] ts = sources.get(s);
            double[] vs = new double[ts.length];
            for (int i = 0; i < ts.length; i++) {
                vs[i] = s * 1000 + i;
                expected.putIfAbsent(ts[i], vs[i]);
            }
            c.add(new ArrayCursor(ts, vs));
        }
        List<Long> ts = new ArrayList<>();
        List<Double> vs = new ArrayList<>();
        while (c.next() == SampleCursor.FLOAT) {
            ts.add(c.timestamp());
            vs.add(c.value());
        }
        assertThat(ts).containsExactlyElementsOf(expected.keySet());
        assertThat(vs).containsExactlyElementsOf(expected.values());
    }

    @Property(tries = 200)
    void seekAgreesWithLinearScan(@ForAll("sources") List<long[]> sources, @ForAll("targets") long target) {
        MergeSampleCursor c = new MergeSampleCursor();
        TreeMap<Long, Boolean> all = new TreeMap<>();
        for (long[] ts : sources) {
            c.add(new ArrayCursor(ts, new double[ts.length]));
            for (long t : ts) {
                all.put(t, true);
            }
        }
        Long expected = all.ceilingKey(target);
        int kind = c.seek(target);
        if (expected == null) {
            assertThat(kind).isEqualTo(SampleCursor.NONE);
        } else {
            assertThat(kind).isEqualTo(SampleCursor.FLOAT);
            assertThat(c.timestamp()).isEqualTo(expected);
            Long after = all.higherKey(expected);
            int nextKind = c.next();
            if (after == null) {
                assertThat(nextKind).isEqualTo(SampleCursor.NONE);
            } else {
                assertThat(c.timestamp()).isEqualTo(after);
            }
        }
    }

    @Provide
    Arbitrary<List<long[]>> sources() {
        Arbitrary<long[]> one = Arbitraries.longs().between(0, 60).set().ofMaxSize(20)
                .map(set -> set.stream().mapToLong(Long::longValue).sorted().toArray());
        return one.list().ofMinSize(1).ofMaxSize(5);
    }

    @Provide
    Arbitrary<Long> targets() {
        return Arbitraries.longs().between(-5, 70);
    }

    static ArrayCursor cursor(long... ts) {
        return new ArrayCursor(ts, new double[ts.length]);
    }

    static List<Long> drain(SampleCursor c) {
        List<Long> out = new ArrayList<>();
        while (c.next() == SampleCursor.FLOAT) {
            out.add(c.timestamp());
        }
        return out;
    }
}
