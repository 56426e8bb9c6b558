package io.strata.aggregator.query;

import io.strata.aggregator.stream.DecimalMath;
import io.strata.storage.SampleCursor;

/**
 * One series read from an aggregated namespace up to its newest written window, then from the raw
 * namespace after it: the seam. Windows are written only once they close, so the newest minutes
 * of every series exist only raw; without the seam a graph over an aggregated namespace would
 * always end a window or two early.
 *
 * <p>Raw samples continue after the newest aggregated sample's timestamp {@code T} (a {@code last}
 * window is stamped with the raw sample it took, so the two sides meet exactly). Counters are stored reset-adjusted in aggregated namespaces (see the
 * aggregator), so their raw continuation gets the same offset: the last written value minus the
 * raw value at {@code T}; otherwise {@code rate()} across the seam would see a reset.
 */
final class SeamCursor implements SampleCursor {
    private final SampleCursor aggregated;
    private final SampleCursor raw;
    private final boolean counter;
    private final long maxTime;
    private final long resolution;
    private boolean inRaw;
    private boolean done;
    private long lastAggregatedTime = Long.MIN_VALUE;
    private double lastAggregatedValue = Double.NaN;
    private double offset;
    private long time;
    private double value;
    private boolean rawPending; // raw cursor already positioned on an unread sample

    /**
     * @param aggregated the aggregated series read to its end (past {@code maxTime}), so the seam
     *     sits after its newest window, not after the newest one inside the query's range
     * @param maxTime the end of the query's range: later samples are not returned
     * @param resolution the namespace's window, to which raw samples after the seam are thinned
     */
    SeamCursor(SampleCursor aggregated, SampleCursor raw, boolean counter, long maxTime, long resolution) {
        this.aggregated = aggregated;
        this.raw = raw;
        this.counter = counter;
        this.maxTime = maxTime;
        this.resolution = resolution;
    }

    @Override
    public int next() {
        if (done) {
            return NONE;
        }
        if (!inRaw) {
            if (aggregated.next() == FLOAT) {
                time = aggregated.timestamp();
                value = aggregated.value();
                lastAggregatedTime = time;
                lastAggregatedValue = value;
                if (time <= maxTime) {
                    return FLOAT;
                }
                while (aggregated.next() == FLOAT) { // only to find where the written windows end
                    lastAggregatedTime = aggregated.timestamp();
                    lastAggregatedValue = aggregated.value();
                }
                done = true; // raw continues after the newest window, which is past the range
                return NONE;
            }
            enterRaw();
        }
        return nextRaw();
    }

    private void enterRaw() {
        inRaw = true;
        double before = Double.NaN;
        int kind;
        while ((kind = raw.next()) == FLOAT && raw.timestamp() <= lastAggregatedTime) {
            before = raw.value();
        }
        rawPending = kind == FLOAT;
        if (counter && !Double.isNaN(before) && !Double.isNaN(lastAggregatedValue)) {
            offset = Math.max(0, DecimalMath.subtract(lastAggregatedValue, before));
        }
    }

    /**
     * The last raw sample of the next window: raw samples after the seam are thinned to one a
     * window, as the {@code last} window the namespace will write. A range mixing 1m samples with
     * 10s ones would otherwise have an average interval that makes {@code rate()} stop its
     * extrapolation short of the range's start, several percent low.
     */
    private int nextRaw() {
        if (!rawPending && raw.next() != FLOAT) {
            done = true;
            return NONE;
        }
        rawPending = false;
        long candidateTime = raw.timestamp();
        double candidate = raw.value();
        long window = Math.floorDiv(candidateTime, resolution);
        while (raw.next() == FLOAT) {
            if (Math.floorDiv(raw.timestamp(), resolution) != window) {
                rawPending = true; // the raw cursor holds the first sample of the next window
                break;
            }
            candidateTime = raw.timestamp();
            candidate = raw.value();
        }
        time = candidateTime;
        value = offset == 0 ? candidate : DecimalMath.add(candidate, offset);
        return FLOAT;
    }

    @Override
    public int seek(long minTimestamp) {
        if (done) {
            return NONE;
        }
        if (time >= minTimestamp && (inRaw || lastAggregatedTime != Long.MIN_VALUE)) {
            return FLOAT;
        }
        int kind;
        do {
            kind = next();
        } while (kind == FLOAT && time < minTimestamp);
        return kind;
    }

    @Override
    public long timestamp() {
        return time;
    }

    @Override
    public double value() {
        return value;
    }
}
