package io.strata.aggregator.stream;

import io.strata.aggregator.rules.AggregationType;
import io.strata.model.Labels;

/**
 * The open windows of one input series for one mapping target. A window {@code [s, s + R)} is
 * written as one sample once the series' own time (its newest sample) has passed
 * {@code s + R + lateness}, or by {@link #flushOpen} when the series went quiet. The sample is
 * stamped {@code s + R}, except for {@code last}, which keeps the timestamp of the sample it took:
 * the value is the series' value at that time, so reading on in the raw namespace after it (the
 * query's seam) neither repeats nor skips an interval. Windows are cut by
 * event time, not the wall clock, so a backfill days behind aggregates like live data.
 *
 * <p>Counters aggregated by {@code last} are written reset-adjusted: a drop inside or across
 * windows adds the value before the drop to a running offset, so {@code rate()} and
 * {@code increase()} over the output see every increase, as they would over the raw samples.
 * Gauges and other aggregations are written as computed.
 *
 * <p>Thread-safe: appenders of different requests may carry the same series.
 */
final class MappingWindows {
    private final AggregatedNamespace namespace;
    private final OutputSeries output;
    private final AggregationType type;
    private final boolean counterAdjusted;
    private final OpenWindows windows;
    private double offset;
    private double previousRaw = Double.NaN;
    private long previousTime = Long.MIN_VALUE;
    /**
     * Written under the lock, read by the idle sweep without it: a stale read only delays a
     * flush by one sweep, and a volatile store per sample costs a fence on the hot path.
     */
    private long lastWallMillis;

    MappingWindows(AggregatedNamespace namespace, Labels output, AggregationType type, boolean counter) {
        this.namespace = namespace;
        this.output = new OutputSeries(namespace, output);
        this.type = type;
        this.counterAdjusted = counter && type == AggregationType.LAST;
        this.windows = new OpenWindows(namespace.resolutionMillis(), type.isQuantile(), type == AggregationType.LAST);
    }

    AggregatedNamespace namespace() {
        return namespace;
    }

    Labels output() {
        return output.labels();
    }

    AggregationType type() {
        return type;
    }

    /**
     * Adds a sample and writes the windows it closes.
     *
     * @return false when the sample's window was already written (too late), so it is not counted
     */
    synchronized boolean add(long t, double v, long wallMillis, WindowOutput out) {
        lastWallMillis = wallMillis;
        double value = v;
        if (counterAdjusted && !Double.isNaN(v)) {
            if (t > previousTime) {
                if (v < previousRaw) {
                    offset = DecimalMath.add(offset, previousRaw); // a reset: the counter restarted from zero
                }
                previousRaw = v;
                previousTime = t;
            }
            value = offset == 0 ? v : DecimalMath.add(v, offset);
        }
        if (!windows.add(t, value)) {
            return false;
        }
        closeThrough(windows.watermark() - namespace.latenessMillis(), out);
        return true;
    }

    /** Writes every open window (the series went quiet, or the target is going away). */
    synchronized void flushOpen(WindowOutput out) {
        closeThrough(Long.MAX_VALUE, out);
    }

    /** Wall-clock millis of the last sample, for the idle sweep. */
    long lastWallMillis() {
        return lastWallMillis;
    }

    synchronized boolean hasOpenWindows() {
        return windows.openCount() > 0;
    }

    /** End of the window a sample this target wrote at {@code written} closed. */
    long windowEndOf(long written) {
        long r = namespace.resolutionMillis();
        return type == AggregationType.LAST ? Math.floorDiv(written, r) * r + r : written;
    }

    /**
     * Resumes after a restart: windows ending at or before {@code writtenThrough} were written
     * already. For adjusted counters, {@code lastWritten} (the newest value written) and
     * {@code rawBefore} (the raw value it was taken from) give back the running offset.
     */
    synchronized void resume(long writtenThrough, double lastWritten, double rawBefore, long rawBeforeTime) {
        windows.markClosedThrough(writtenThrough);
        if (counterAdjusted && !Double.isNaN(rawBefore)) {
            previousRaw = rawBefore;
            previousTime = rawBeforeTime;
            offset = Double.isNaN(lastWritten) ? 0 : Math.max(0, DecimalMath.subtract(lastWritten, rawBefore));
        }
    }

    private void closeThrough(long endLimit, WindowOutput out) {
        while (windows.openCount() > 0 && windows.firstEnd() <= endLimit) {
            long end = windows.firstEnd();
            WindowAccumulator acc = windows.first();
            if (!acc.isEmpty()) {
                out.emit(output, type == AggregationType.LAST ? acc.lastTime() : end, acc.result(type));
            }
            windows.closeFirst();
        }
    }
}
