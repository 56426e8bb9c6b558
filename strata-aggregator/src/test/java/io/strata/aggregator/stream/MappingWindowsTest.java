package io.strata.aggregator.stream;

import static io.strata.aggregator.stream.Namespaces.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.aggregator.rules.AggregationType;
import io.strata.model.Labels;
import io.strata.model.SampleValues;
import io.strata.testing.InMemoryStorage;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MappingWindowsTest {
    private final AggregatedNamespace ns = Namespaces.aggregated("1m", MINUTE, 30_000, new InMemoryStorage());
    private final List<double[]> written = new ArrayList<>();
    private final WindowOutput out = (series, end, value) -> written.add(new double[] {end, value});

    private MappingWindows windows(AggregationType type, boolean counter) {
        return new MappingWindows(ns, Labels.of("__name__", "x"), type, counter);
    }

    @Test
    void writesAWindowAtItsEndOnceTheSeriesPassesEndPlusLateness() {
        MappingWindows w = windows(AggregationType.LAST, false);
        for (long t = 0; t < 90_000; t += 15_000) {
            w.add(t, t / 1000.0, 0, out);
        }
        assertThat(written).as("75s is not yet past 60s + 30s lateness").isEmpty();
        w.add(90_000, 90, 0, out);
        assertThat(written).as("last keeps the time of the sample it took").containsExactly(new double[] {45_000, 45});
    }

    @Test
    void aggregatesEveryTypeOverAWindow() {
        double[] values = {4, 1, 3, 2};
        double[][] expected = {
            {AggregationType.SUM.ordinal(), 10}, {AggregationType.MIN.ordinal(), 1}, {AggregationType.MAX.ordinal(), 4},
            {AggregationType.MEAN.ordinal(), 2.5}, {AggregationType.COUNT.ordinal(), 4}, {AggregationType.SUMSQ.ordinal(), 30},
            {AggregationType.LAST.ordinal(), 2}, {AggregationType.P50.ordinal(), 2.5}, {AggregationType.MEDIAN.ordinal(), 2.5},
            {AggregationType.P90.ordinal(), 3.7}, {AggregationType.STDEV.ordinal(), Math.sqrt(5.0 / 3)},
        };
        for (double[] e : expected) {
            AggregationType type = AggregationType.values()[(int) e[0]];
            written.clear();
            MappingWindows w = windows(type, false);
            for (int i = 0; i < values.length; i++) {
                w.add(i * 15_000L, values[i], 0, out);
            }
            w.flushOpen(out);
            assertThat(written).as(type.text()).hasSize(1);
            assertThat(written.get(0)[1]).as(type.text()).isCloseTo(e[1], org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void refusesASampleForAWindowAlreadyWritten() {
        MappingWindows w = windows(AggregationType.SUM, false);
        w.add(10_000, 1, 0, out);
        w.add(100_000, 1, 0, out); // closes [0, 60s)
        assertThat(w.add(59_000, 5, 0, out)).isFalse();
        assertThat(w.add(61_000, 5, 0, out)).as("the next window is still open").isTrue();
        assertThat(written).containsExactly(new double[] {60_000, 1});
    }

    @Test
    void takesLateSamplesInsideTheLateness() {
        MappingWindows w = windows(AggregationType.SUM, false);
        w.add(10_000, 1, 0, out);
        w.add(70_000, 1, 0, out);
        w.add(50_000, 2, 0, out); // 20 s late, lateness 30 s
        w.flushOpen(out);
        assertThat(written).containsExactly(new double[] {60_000, 3}, new double[] {120_000, 1});
    }

    @Test
    void skipsStaleMarkersAndEmptyWindows() {
        MappingWindows w = windows(AggregationType.LAST, false);
        w.add(10_000, 7, 0, out);
        w.add(20_000, SampleValues.STALE_NAN, 0, out);
        w.add(200_000, SampleValues.STALE_NAN, 0, out);
        w.flushOpen(out);
        assertThat(written).containsExactly(new double[] {10_000, 7});
    }

    @Test
    void adjustsCounterResetsSoTheIncreaseSurvivesDownsampling() {
        MappingWindows w = windows(AggregationType.LAST, true);
        // 100, 110, 120 | reset: 5, 100 | 150: true increase from 100 is 20 + 5 + 95 + 50 = 170
        long[] times = {0, 20_000, 40_000, 70_000, 100_000, 130_000};
        double[] values = {100, 110, 120, 5, 100, 150};
        for (int i = 0; i < times.length; i++) {
            w.add(times[i], values[i], 0, out);
        }
        w.flushOpen(out);
        assertThat(written).containsExactly(new double[] {40_000, 120}, new double[] {100_000, 220},
                new double[] {130_000, 270});
        assertThat(written.get(2)[1] - 100).isEqualTo(170);
    }

    @Test
    void resumesAfterTheLastWrittenWindowWithTheCounterOffset() {
        MappingWindows w = windows(AggregationType.LAST, true);
        w.resume(120_000, 220, 100, 100_000);
        assertThat(w.add(110_000, 100, 0, out)).as("inside a written window").isFalse();
        w.add(130_000, 150, 0, out);
        w.flushOpen(out);
        assertThat(written).containsExactly(new double[] {130_000, 270});
    }
}
