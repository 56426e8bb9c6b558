package io.strata.tsdb.history;

import it.unimi.dsi.fastutil.Arrays;
import java.util.Objects;

/**
 * The samples of one series buffered by a {@link HistoryBlockWriter} between two flushes, as
 * parallel growable arrays. Pieces are appended as they come; while every piece starts after the
 * last buffered timestamp the buffer stays sorted and {@link #normalize} has nothing to do. Not
 * thread-safe.
 */
final class SeriesBuffer {
    private static final int INITIAL_CAPACITY = 16;

    private long[] timestamps = new long[INITIAL_CAPACITY];
    private double[] values = new double[INITIAL_CAPACITY];
    private int size;
    /** True while timestamps strictly increase over the whole buffer. */
    private boolean ordered = true;

    void append(long[] ts, double[] vs, int count) {
        ensureCapacity(size + count);
        for (int i = 0; i < count; i++) {
            long t = ts[i];
            if (size > 0 && t <= timestamps[size - 1]) {
                ordered = false;
            }
            timestamps[size] = t;
            values[size] = vs[i];
            size++;
        }
    }

    private void ensureCapacity(int needed) {
        if (needed <= timestamps.length) {
            return;
        }
        int capacity = Math.max(needed, timestamps.length + (timestamps.length >> 1));
        timestamps = java.util.Arrays.copyOf(timestamps, capacity);
        values = java.util.Arrays.copyOf(values, capacity);
    }

    /**
     * Sorts the samples by timestamp and drops all but the first-added sample of each timestamp
     * (the earlier piece wins, as when compaction merges overlapping blocks).
     *
     * @return the number of samples dropped
     */
    int normalize() {
        if (ordered) {
            return 0;
        }
        long[] ts = timestamps;
        double[] vs = values;
        // A stable sort keeps equal timestamps in arrival order, so the first one is the one kept.
        Arrays.mergeSort(0, size, (a, b) -> Long.compare(ts[a], ts[b]), (a, b) -> {
            long t = ts[a];
            ts[a] = ts[b];
            ts[b] = t;
            double v = vs[a];
            vs[a] = vs[b];
            vs[b] = v;
        });
        int kept = 0;
        for (int i = 0; i < size; i++) {
            if (kept > 0 && ts[i] == ts[kept - 1]) {
                continue;
            }
            ts[kept] = ts[i];
            vs[kept] = vs[i];
            kept++;
        }
        int dropped = size - kept;
        size = kept;
        ordered = true;
        return dropped;
    }

    int size() {
        return size;
    }

    /** Valid until the next {@link #append}. */
    long[] timestamps() {
        return timestamps;
    }

    /** Valid until the next {@link #append}. */
    double[] values() {
        return values;
    }

    /** Index of the first sample with a timestamp at or after {@code t}; the buffer must be normalized. */
    int firstAtOrAfter(long t, int from) {
        Objects.checkIndex(from, size + 1);
        int lo = from;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (timestamps[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
