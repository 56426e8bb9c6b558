package io.strata.tsdb.head;

import java.util.Arrays;

/**
 * Deleted time intervals of a series, as a sorted array of disjoint closed intervals
 * {@code [min0, max0, min1, max1, ...]}. Deletes are rare, so arrays are copied on every change
 * and shared freely with readers afterwards.
 */
final class Tombstones {
    private Tombstones() {}

    /** {@code intervals} (or null) plus {@code [min, max]}, merged with what it overlaps or touches. */
    static long[] add(long[] intervals, long min, long max) {
        if (intervals == null) {
            return new long[] {min, max};
        }
        long[] out = new long[intervals.length + 2];
        int n = 0;
        boolean placed = false;
        for (int i = 0; i < intervals.length; i += 2) {
            long a = intervals[i];
            long b = intervals[i + 1];
            if (b < min && b + 1 != min) {
                out[n++] = a;
                out[n++] = b;
            } else if (a > max && a - 1 != max) {
                if (!placed) {
                    out[n++] = min;
                    out[n++] = max;
                    placed = true;
                }
                out[n++] = a;
                out[n++] = b;
            } else {
                min = Math.min(min, a);
                max = Math.max(max, b);
            }
        }
        if (!placed) {
            out[n++] = min;
            out[n++] = max;
        }
        return Arrays.copyOf(out, n);
    }

    /** Whether {@code t} lies in a deleted interval. */
    static boolean contains(long[] intervals, long t) {
        for (int i = 0; i < intervals.length; i += 2) {
            if (t < intervals[i]) {
                return false;
            }
            if (t <= intervals[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Whether one interval covers all of {@code [min, max]}. */
    static boolean covers(long[] intervals, long min, long max) {
        for (int i = 0; i < intervals.length; i += 2) {
            if (intervals[i] <= min && intervals[i + 1] >= max) {
                return true;
            }
        }
        return false;
    }

    /** The intervals clipped to {@code >= t}; null when nothing is left. */
    static long[] trimBefore(long[] intervals, long t) {
        int n = 0;
        long[] out = new long[intervals.length];
        for (int i = 0; i < intervals.length; i += 2) {
            if (intervals[i + 1] >= t) {
                out[n++] = Math.max(intervals[i], t);
                out[n++] = intervals[i + 1];
            }
        }
        return n == 0 ? null : Arrays.copyOf(out, n);
    }
}
