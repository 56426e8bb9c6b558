package io.strata.tsdb.block;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Deleted time ranges per series of one block: an immutable snapshot, replaced as a whole when
 * deletes are added, so a querier keeps the view it opened with. Per series the ranges are closed
 * intervals {@code [min, max]} (ms), sorted, disjoint and not adjacent, flattened into a
 * {@code long[]} as {@code min0, max0, min1, max1, ...}. Thread-safe.
 */
public final class Tombstones {
    public static final Tombstones NONE = new Tombstones(new Int2ObjectOpenHashMap<>());

    private final Int2ObjectOpenHashMap<long[]> bySeries;

    Tombstones(Int2ObjectOpenHashMap<long[]> bySeries) {
        this.bySeries = bySeries;
    }

    public boolean isEmpty() {
        return bySeries.isEmpty();
    }

    /** Number of series with at least one deleted range. */
    public int seriesCount() {
        return bySeries.size();
    }

    /** The flattened intervals of {@code seriesId}, or {@code null} when nothing of it is deleted. Do not modify. */
    public long[] intervals(int seriesId) {
        return bySeries.get(seriesId);
    }

    /** Ids with deletes, ascending. */
    public int[] seriesIds() {
        int[] ids = bySeries.keySet().toIntArray();
        Arrays.sort(ids);
        return ids;
    }

    /** A snapshot that also deletes {@code [minT, maxT]} of every series in {@code series}. */
    public Tombstones with(ImmutableRoaringBitmap series, long minT, long maxT) {
        if (minT > maxT) {
            throw new IllegalArgumentException("delete range is empty: minTime " + minT + " > maxTime " + maxT);
        }
        Int2ObjectOpenHashMap<long[]> next = new Int2ObjectOpenHashMap<>(bySeries);
        for (IntIterator it = series.getIntIterator(); it.hasNext(); ) {
            int id = it.next();
            next.put(id, addInterval(next.get(id), minT, maxT));
        }
        return new Tombstones(next);
    }

    /** Builder use: sets the intervals of one series, which must be normalised already. */
    static Tombstones of(IntArrayList ids, java.util.List<long[]> intervals) {
        Int2ObjectOpenHashMap<long[]> map = new Int2ObjectOpenHashMap<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            map.put(ids.getInt(i), intervals.get(i));
        }
        return new Tombstones(map);
    }

    /** Whether {@code t} lies in one of the flattened {@code intervals} ({@code null} = none). */
    public static boolean isDeleted(long[] intervals, long t) {
        if (intervals == null) {
            return false;
        }
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

    /** Whether every timestamp of {@code [minT, maxT]} is deleted. */
    public static boolean covers(long[] intervals, long minT, long maxT) {
        if (intervals == null) {
            return false;
        }
        for (int i = 0; i < intervals.length; i += 2) {
            if (intervals[i] <= minT && maxT <= intervals[i + 1]) {
                return true; // intervals are disjoint and not adjacent, so one must hold it all
            }
        }
        return false;
    }

    /** Whether some timestamp of {@code [minT, maxT]} is deleted. */
    public static boolean intersects(long[] intervals, long minT, long maxT) {
        if (intervals == null) {
            return false;
        }
        for (int i = 0; i < intervals.length; i += 2) {
            if (intervals[i] <= maxT && minT <= intervals[i + 1]) {
                return true;
            }
        }
        return false;
    }

    /** Adds {@code [min, max]} to flattened intervals, merging what overlaps or touches it. */
    public static long[] addInterval(long[] intervals, long min, long max) {
        if (intervals == null) {
            return new long[] {min, max};
        }
        long[] out = new long[intervals.length + 2];
        int n = 0;
        boolean placed = false;
        for (int i = 0; i < intervals.length; i += 2) {
            long a = intervals[i];
            long b = intervals[i + 1];
            if (b < min && b != min - 1) { // strictly before, not touching (no overflow: b < min)
                out[n++] = a;
                out[n++] = b;
            } else if (max < a && max != a - 1) {
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

    /** The intervals clipped to {@code >= t}; null when nothing is left. */
    public static long[] trimBefore(long[] intervals, long t) {
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

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Tombstones t) || t.bySeries.size() != bySeries.size()) {
            return false;
        }
        for (var e : bySeries.int2ObjectEntrySet()) {
            if (!Arrays.equals(e.getValue(), t.bySeries.get(e.getIntKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return bySeries.size();
    }
}
