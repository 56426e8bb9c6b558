package io.strata.promql.engine;

/**
 * Shared arithmetic of the {@code anchored} and {@code smoothed} range modifiers: finding the
 * samples around a boundary and interpolating between them, as Prometheus does.
 */
public final class ExtendedRanges {
    private ExtendedRanges() {
    }

    /**
     * Finds what an {@code anchored} or {@code smoothed} window holds at its edges, as
     * Prometheus's extended range selectors define it: the start value is the newest sample at or
     * before the range start (anchored) or the interpolation across it (smoothed), the first
     * sample when there is none before; the end value likewise with the sample after the end
     * (smoothed only). Writes {@link RangeWindow#leftEdge}, {@link RangeWindow#rightEdge} and
     * the inner samples; false when the window has no sample after the range start.
     *
     * @param counter interpolate across a counter reset as if the counter restarted from 0
     */
    public static boolean locateEdges(RangeWindow w, boolean counter) {
        int base = w.extendedFrom;
        int n = w.extendedTo - base;
        if (n == 0) {
            return false;
        }
        long[] t = w.timestamps;
        double[] v = w.values;
        long start = w.rangeStartMs;
        long end = w.rangeEndMs;
        int first = base + Math.max(0, search(t, base, n - 1, start, false) - 1);
        int last = base + (w.smoothed ? search(t, base, n - 1, end, true) : n - 1);
        if (t[last] <= start) {
            return false;
        }
        w.leftEdge = w.smoothed && t[first] < start ? interpolate(t, v, first, first + 1, start, counter) : v[first];
        w.rightEdge = w.smoothed && last > base && t[last] > end
                ? interpolate(t, v, last - 1, last, end, counter)
                : v[last];
        // Samples on or beyond an edge are represented by the edge value.
        w.innerFrom = t[first] <= start ? first + 1 : first;
        w.innerTo = t[last] >= end ? last : last + 1;
        return true;
    }

    /**
     * Go's {@code sort.Search(n, i -> t[base+i] > bound)} (or {@code >=} when {@code inclusive}):
     * the smallest i in [0, n) for which it holds, or n.
     */
    private static int search(long[] t, int base, int n, long bound, boolean inclusive) {
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            boolean holds = inclusive ? t[base + mid] >= bound : t[base + mid] > bound;
            if (holds) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /** The value at {@code at} on the line between samples i and j; after a counter reset the line starts at 0. */
    private static double interpolate(long[] t, double[] v, int i, int j, long at, boolean counter) {
        double y1 = v[i];
        double y2 = v[j];
        if (counter && y2 < y1) {
            y1 = 0;
        }
        return y1 + (y2 - y1) * (double) (at - t[i]) / (double) (t[j] - t[i]);
    }

    /**
     * The points an instant query of {@code x[r] anchored|smoothed} returns: a point at each
     * boundary (a real or interpolated value) around the samples strictly inside the range.
     * Returns null when the series has nothing to show.
     */
    static Points extendedPoints(RangeWindow w) {
        if (!locateEdges(w, false)) {
            return null;
        }
        int inner = Math.max(w.innerTo - w.innerFrom, 0);
        long[] ts = new long[inner + 2];
        double[] vs = new double[inner + 2];
        ts[0] = w.rangeStartMs;
        vs[0] = w.leftEdge;
        System.arraycopy(w.timestamps, w.innerFrom, ts, 1, inner);
        System.arraycopy(w.values, w.innerFrom, vs, 1, inner);
        ts[inner + 1] = w.rangeEndMs;
        vs[inner + 1] = w.rightEdge;
        return new Points(ts, vs);
    }

    record Points(long[] timestamps, double[] values) {
    }
}
