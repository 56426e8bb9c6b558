package io.strata.aggregator.stream;

import java.util.Arrays;

/**
 * The windows of one output that are still open, ascending by start, with the newest event time
 * seen and the end of the last closed window. Usually one or two (the current window and the one
 * still inside its lateness). Not thread-safe; its owner locks.
 */
final class OpenWindows {
    private final long resolution;
    private final boolean keepValues;
    private final boolean lastOnly;
    private long[] starts = new long[2];
    private WindowAccumulator[] accumulators = new WindowAccumulator[2];
    private int open;
    private WindowAccumulator spare;
    private long watermark = Long.MIN_VALUE;
    private long closedThrough = Long.MIN_VALUE;

    OpenWindows(long resolution, boolean keepValues) {
        this(resolution, keepValues, false);
    }

    OpenWindows(long resolution, boolean keepValues, boolean lastOnly) {
        this.resolution = resolution;
        this.keepValues = keepValues;
        this.lastOnly = lastOnly;
    }

    long watermark() {
        return watermark;
    }

    int openCount() {
        return open;
    }

    long firstEnd() {
        return starts[0] + resolution;
    }

    WindowAccumulator first() {
        return accumulators[0];
    }

    /** The window holding {@code t}, opened if needed; null when that window was closed already. */
    WindowAccumulator windowFor(long t) {
        long start = Math.floorDiv(t, resolution) * resolution;
        if (start + resolution <= closedThrough) {
            return null;
        }
        if (t > watermark) {
            watermark = t;
        }
        int i = 0;
        while (i < open && starts[i] < start) {
            i++;
        }
        if (i < open && starts[i] == start) {
            return accumulators[i];
        }
        if (open == starts.length) {
            starts = Arrays.copyOf(starts, open * 2);
            accumulators = Arrays.copyOf(accumulators, open * 2);
        }
        System.arraycopy(starts, i, starts, i + 1, open - i);
        System.arraycopy(accumulators, i, accumulators, i + 1, open - i);
        WindowAccumulator acc = spare != null ? spare : new WindowAccumulator(keepValues, lastOnly);
        spare = null;
        acc.reset();
        starts[i] = start;
        accumulators[i] = acc;
        open++;
        return acc;
    }

    /** Adds a sample to its window; false when that window was closed already. */
    boolean add(long t, double v) {
        WindowAccumulator acc = windowFor(t);
        if (acc == null) {
            return false;
        }
        acc.add(t, v);
        return true;
    }

    void closeFirst() {
        closedThrough = firstEnd();
        spare = accumulators[0];
        System.arraycopy(starts, 1, starts, 0, open - 1);
        System.arraycopy(accumulators, 1, accumulators, 0, open - 1);
        open--;
        accumulators[open] = null;
    }

    void markClosedThrough(long end) {
        if (end > closedThrough) {
            closedThrough = end;
        }
        while (open > 0 && firstEnd() <= closedThrough) {
            closeFirst();
            closedThrough = Math.max(closedThrough, end);
        }
    }
}
