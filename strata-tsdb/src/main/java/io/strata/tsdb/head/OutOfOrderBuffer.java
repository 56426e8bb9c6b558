package io.strata.tsdb.head;

import java.util.Arrays;

/**
 * Samples of one series that arrived out of order (older than the series' newest, inside the
 * out-of-order window), kept sorted by timestamp in two parallel arrays. They are merged with the
 * series' chunks when read and when the head is cut into blocks.
 *
 * <p>Out-of-order samples are rare and the window bounds how many a well-behaved client sends
 * (a 10 minute window at a 10 s interval holds 60), so a sorted array with insertion is simpler
 * and smaller than out-of-order chunks. {@link #MAX_SAMPLES} caps a pathological series.
 * Guarded by the lock of the owning {@link HeadSeries}.
 */
final class OutOfOrderBuffer {
    /** Beyond this many pending samples a series' further out-of-order samples are rejected. */
    static final int MAX_SAMPLES = 8192;

    /** Result of {@link #insert}. */
    static final int INSERTED = 0;
    static final int SAME_SAMPLE = 1;
    static final int CONFLICT = 2;
    static final int FULL = 3;

    private long[] timestamps = new long[4];
    private double[] values = new double[4];
    private int size;

    int size() {
        return size;
    }

    long timestamp(int i) {
        return timestamps[i];
    }

    double value(int i) {
        return values[i];
    }

    long minTime() {
        return timestamps[0];
    }

    long maxTime() {
        return timestamps[size - 1];
    }

    /** Index of the sample with timestamp {@code t}, or {@code -(insertion point) - 1}. */
    int find(long t) {
        return Arrays.binarySearch(timestamps, 0, size, t);
    }

    int insert(long t, double v) {
        int i = find(t);
        if (i >= 0) {
            return Double.doubleToRawLongBits(values[i]) == Double.doubleToRawLongBits(v) ? SAME_SAMPLE : CONFLICT;
        }
        if (size == MAX_SAMPLES) {
            return FULL;
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
        return INSERTED;
    }

    /** Removes the sample at timestamp {@code t} if present. */
    void remove(long t) {
        int i = find(t);
        if (i >= 0) {
            System.arraycopy(timestamps, i + 1, timestamps, i, size - i - 1);
            System.arraycopy(values, i + 1, values, i, size - i - 1);
            size--;
        }
    }

    /** Removes samples with timestamp {@code < t}; returns how many were removed. */
    int removeBefore(long t) {
        int i = find(t);
        int cut = i >= 0 ? i : -i - 1;
        if (cut > 0) {
            System.arraycopy(timestamps, cut, timestamps, 0, size - cut);
            System.arraycopy(values, cut, values, 0, size - cut);
            size -= cut;
        }
        return cut;
    }

    /** Copies samples with {@code from <= t <= to} into fresh arrays: a snapshot for a reader. */
    OutOfOrderBuffer copyRange(long from, long to) {
        int a = find(from);
        a = a >= 0 ? a : -a - 1;
        int b = find(to);
        b = b >= 0 ? b + 1 : -b - 1;
        OutOfOrderBuffer copy = new OutOfOrderBuffer();
        int n = Math.max(0, b - a);
        copy.timestamps = Arrays.copyOfRange(timestamps, a, a + Math.max(n, 1));
        copy.values = Arrays.copyOfRange(values, a, a + Math.max(n, 1));
        copy.size = n;
        return copy;
    }

    long retainedBytes() {
        return 16 + 2L * (16 + 8L * timestamps.length) + 8;
    }
}
