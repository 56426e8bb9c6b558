package io.strata.testing;

import io.strata.model.Labels;
import java.util.Arrays;

/**
 * One series of {@link InMemoryStorage}: its labels, ref and samples in timestamp order.
 * Guarded by the storage's lock; never handed out to readers (they get copies).
 */
final class MemSeries {
    final long ref;
    final Labels labels;
    private long[] timestamps = new long[8];
    private double[] values = new double[8];
    private int size;

    MemSeries(long ref, Labels labels) {
        this.ref = ref;
        this.labels = labels;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    long newestTimestamp() {
        return size == 0 ? Long.MIN_VALUE : timestamps[size - 1];
    }

    long oldestTimestamp() {
        return size == 0 ? Long.MAX_VALUE : timestamps[0];
    }

    /** Index of the sample at {@code t}, or {@code -(insertion point) - 1}. */
    int indexOf(long t) {
        return Arrays.binarySearch(timestamps, 0, size, t);
    }

    double valueAt(int index) {
        return values[index];
    }

    /** Inserts a sample at its place; a sample already at {@code t} is kept (first writer wins). */
    void insert(long t, double v) {
        int i = indexOf(t);
        if (i >= 0) {
            return;
        }
        int at = -i - 1;
        if (size == timestamps.length) {
            timestamps = Arrays.copyOf(timestamps, size * 2);
            values = Arrays.copyOf(values, size * 2);
        }
        System.arraycopy(timestamps, at, timestamps, at + 1, size - at);
        System.arraycopy(values, at, values, at + 1, size - at);
        timestamps[at] = t;
        values[at] = v;
        size++;
    }

    /** Removes samples with {@code minTime <= t <= maxTime}; returns how many went. */
    int delete(long minTime, long maxTime) {
        int from = firstIndexAtOrAfter(minTime);
        int to = firstIndexAfter(maxTime);
        int removed = to - from;
        if (removed <= 0) {
            return 0;
        }
        System.arraycopy(timestamps, to, timestamps, from, size - to);
        System.arraycopy(values, to, values, from, size - to);
        size -= removed;
        return removed;
    }

    boolean hasSamplesIn(long minTime, long maxTime) {
        int from = firstIndexAtOrAfter(minTime);
        return from < size && timestamps[from] <= maxTime;
    }

    /** A copy of the samples with {@code minTime <= t <= maxTime}. */
    Samples copyRange(long minTime, long maxTime) {
        int from = firstIndexAtOrAfter(minTime);
        int to = Math.max(from, firstIndexAfter(maxTime));
        return new Samples(Arrays.copyOfRange(timestamps, from, to), Arrays.copyOfRange(values, from, to));
    }

    /** Parallel arrays of equal length, owned by whoever asked for the copy. */
    record Samples(long[] timestamps, double[] values) {}

    private int firstIndexAtOrAfter(long t) {
        int i = indexOf(t);
        return i >= 0 ? i : -i - 1;
    }

    private int firstIndexAfter(long t) {
        if (t == Long.MAX_VALUE) {
            return size;
        }
        return firstIndexAtOrAfter(t + 1);
    }
}
