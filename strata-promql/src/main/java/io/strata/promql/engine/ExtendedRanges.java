package io.strata.promql.engine;

/**
 * Shared arithmetic of the {@code anchored} and {@code smoothed} range modifiers: finding the
 * samples around a boundary and interpolating between them, as Prometheus does.
 */
public final class ExtendedRanges {
    private ExtendedRanges() {
    }

    /**
     * Go's {@code sort.Search(n, i -> t[base+i] > bound)} (or {@code >=} when {@code inclusive}):
     * the smallest i in [0, n) for which it holds, or n.
     */
    public static int search(long[] t, int base, int n, long bound, boolean inclusive) {
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
    public static double interpolate(long[] t, double[] v, int i, int j, long at, boolean counter) {
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
        int base = w.extendedFrom;
        int n = w.extendedTo - base;
        if (n == 0) {
            return null;
        }
        long[] t = w.timestamps;
        double[] v = w.values;
        long mint = w.rangeStartMs;
        long maxt = w.rangeEndMs;
        int first = Math.max(0, search(t, base, n - 1, mint, false) - 1);
        int last = n - 1;
        if (w.smoothed) {
            last = search(t, base, n - 1, maxt, true);
        }
        if (t[base + last] <= mint) {
            return null;
        }
        double left = w.smoothed && t[base + first] < mint
                ? interpolate(t, v, base + first, base + first + 1, mint, false)
                : v[base + first];
        double right = w.smoothed && last > 0 && t[base + last] > maxt
                ? interpolate(t, v, base + last - 1, base + last, maxt, false)
                : v[base + last];
        if (t[base + first] <= mint) {
            first++;
        }
        if (t[base + last] >= maxt) {
            last--;
        }
        int inner = Math.max(last - first + 1, 0);
        long[] ts = new long[inner + 2];
        double[] vs = new double[inner + 2];
        ts[0] = mint;
        vs[0] = left;
        if (inner > 0) {
            System.arraycopy(t, base + first, ts, 1, inner);
            System.arraycopy(v, base + first, vs, 1, inner);
        }
        ts[inner + 1] = maxt;
        vs[inner + 1] = right;
        return new Points(ts, vs);
    }

    record Points(long[] timestamps, double[] values) {
    }
}
