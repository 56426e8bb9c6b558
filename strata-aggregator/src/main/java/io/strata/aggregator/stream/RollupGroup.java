package io.strata.aggregator.stream;

import io.strata.aggregator.rules.AggregationType;
import io.strata.aggregator.rules.RollupKind;
import io.strata.model.Labels;
import it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.util.ArrayList;
import java.util.List;

/**
 * One rolled-up output series in one namespace, fed by every input series the rule groups into it.
 *
 * <p>{@link RollupKind#COUNTER}: inputs hand in their increases (see {@link RollupInput}); a
 * window's increases are summed and added to a running total, and the total is written: the
 * output is a counter whose {@code rate()} is the sum of the inputs' rates (M3's
 * {@code Increase -> Sum -> Add}). {@link RollupKind#GAUGE}: the window keeps each input's last
 * value and writes their aggregation (M3's {@code Last -> Sum}).
 *
 * <p>A window closes when the newest time any input reached passes its end plus the lateness.
 * Thread-safe: inputs arrive from many appenders.
 */
final class RollupGroup {
    private final AggregatedNamespace namespace;
    private final OutputSeries output;
    private final RollupKind kind;
    private final AggregationType aggregation;
    private final long resolution;
    private final OpenWindows increases;
    private final List<GaugeWindow> gauges = new ArrayList<>();
    private final WindowAccumulator scratch;
    private long watermark = Long.MIN_VALUE;
    private long closedThrough = Long.MIN_VALUE;
    private double total;
    /** Written under the lock, read by the idle sweep without it (see {@link MappingWindows}). */
    private long lastWallMillis;

    RollupGroup(AggregatedNamespace namespace, Labels output, RollupKind kind, AggregationType aggregation) {
        this.namespace = namespace;
        this.output = new OutputSeries(namespace, output);
        this.kind = kind;
        this.aggregation = aggregation;
        this.resolution = namespace.resolutionMillis();
        this.increases = new OpenWindows(resolution, false);
        this.scratch = new WindowAccumulator(aggregation.isQuantile());
    }

    AggregatedNamespace namespace() {
        return namespace;
    }

    Labels output() {
        return output.labels();
    }

    RollupKind kind() {
        return kind;
    }

    long lastWallMillis() {
        return lastWallMillis;
    }

    /** Adds an input's increase at {@code t} (counters); false when its window was written already. */
    synchronized boolean addIncrease(long t, double increase, long wallMillis, WindowOutput out) {
        lastWallMillis = wallMillis;
        if (!increases.add(t, increase)) {
            return false;
        }
        watermark = Math.max(watermark, t);
        closeThrough(watermark - namespace.latenessMillis(), out);
        return true;
    }

    /** Records an input's value at {@code t} (gauges); false when its window was written already. */
    synchronized boolean addGauge(long input, long t, double v, long wallMillis, WindowOutput out) {
        lastWallMillis = wallMillis;
        long start = Math.floorDiv(t, resolution) * resolution;
        if (start + resolution <= closedThrough) {
            return false;
        }
        watermark = Math.max(watermark, t);
        gaugeWindow(start).put(input, t, v);
        closeThrough(watermark - namespace.latenessMillis(), out);
        return true;
    }

    /** Writes every open window. */
    synchronized void flushOpen(WindowOutput out) {
        closeThrough(Long.MAX_VALUE, out);
    }

    synchronized boolean hasOpenWindows() {
        return increases.openCount() > 0 || !gauges.isEmpty();
    }

    /** Resumes after a restart: windows through {@code writtenThrough} are written, the counter total was {@code lastWritten}. */
    synchronized void resume(long writtenThrough, double lastWritten) {
        if (writtenThrough > closedThrough) {
            closedThrough = writtenThrough;
            increases.markClosedThrough(writtenThrough);
            if (kind == RollupKind.COUNTER && !Double.isNaN(lastWritten)) {
                total = lastWritten;
            }
        }
    }

    private GaugeWindow gaugeWindow(long start) {
        int i = 0;
        while (i < gauges.size() && gauges.get(i).start < start) {
            i++;
        }
        if (i < gauges.size() && gauges.get(i).start == start) {
            return gauges.get(i);
        }
        GaugeWindow w = new GaugeWindow(start);
        gauges.add(i, w);
        return w;
    }

    private void closeThrough(long endLimit, WindowOutput out) {
        while (increases.openCount() > 0 && increases.firstEnd() <= endLimit) {
            long end = increases.firstEnd();
            WindowAccumulator acc = increases.first();
            if (!acc.isEmpty()) {
                total = DecimalMath.add(total, acc.result(AggregationType.SUM));
                out.emit(output, end, total);
            }
            increases.closeFirst();
            closedThrough = Math.max(closedThrough, end);
        }
        while (!gauges.isEmpty() && gauges.get(0).start + resolution <= endLimit) {
            GaugeWindow w = gauges.remove(0);
            long end = w.start + resolution;
            scratch.reset();
            for (var e : w.values.long2DoubleEntrySet()) {
                scratch.add(w.times.get(e.getLongKey()), e.getDoubleValue());
            }
            if (!scratch.isEmpty()) {
                out.emit(output, end, scratch.result(aggregation));
            }
            closedThrough = Math.max(closedThrough, end);
        }
    }

    /** Each input's last value in one gauge window. */
    private static final class GaugeWindow {
        final long start;
        final Long2DoubleOpenHashMap values = new Long2DoubleOpenHashMap();
        final Long2LongOpenHashMap times = new Long2LongOpenHashMap();

        GaugeWindow(long start) {
            this.start = start;
            times.defaultReturnValue(Long.MIN_VALUE);
        }

        void put(long input, long t, double v) {
            if (t >= times.get(input)) {
                times.put(input, t);
                values.put(input, v);
            }
        }
    }
}
