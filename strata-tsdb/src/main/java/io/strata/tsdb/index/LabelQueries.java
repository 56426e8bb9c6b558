package io.strata.tsdb.index;

import io.strata.model.Matcher;
import java.util.ArrayList;
import java.util.List;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * The label names and values APIs over any {@link LabelIndexReader}, restricted by optional
 * matchers, answered from postings alone: a name or value is kept when its postings intersect the
 * selected series. Readers that can decode series labels cheaply may do better for small
 * selections (blocks do); results are the same.
 */
public final class LabelQueries {
    private LabelQueries() {}

    /** Sorted names of the series matching {@code matchers} (every series when empty); {@code limit} 0 = all. */
    public static List<String> labelNames(LabelIndexReader index, List<Matcher> matchers, int limit) {
        if (matchers.isEmpty()) {
            return limited(index.labelNames(), limit);
        }
        ImmutableRoaringBitmap selected = PostingsSelector.selectFromAll(index, matchers);
        List<String> out = new ArrayList<>();
        if (selected.isEmpty()) {
            return out;
        }
        for (String name : index.labelNames()) {
            List<String> values = index.labelValues(name);
            for (int i = 0, n = values.size(); i < n; i++) {
                if (ImmutableRoaringBitmap.intersects(index.postingsAt(name, values, i), selected)) {
                    out.add(name);
                    break;
                }
            }
            if (limit > 0 && out.size() >= limit) {
                break;
            }
        }
        return out;
    }

    /** Sorted values of {@code name} over the series matching {@code matchers}; {@code limit} 0 = all. */
    public static List<String> labelValues(LabelIndexReader index, String name, List<Matcher> matchers, int limit) {
        List<String> values = index.labelValues(name);
        if (matchers.isEmpty()) {
            return limited(values, limit);
        }
        ImmutableRoaringBitmap selected = PostingsSelector.selectFromAll(index, matchers);
        List<String> out = new ArrayList<>();
        if (selected.isEmpty()) {
            return out;
        }
        int i = 0;
        for (String value : values) {
            if (limit > 0 && out.size() >= limit) {
                break;
            }
            if (ImmutableRoaringBitmap.intersects(index.postingsAt(name, values, i), selected)) {
                out.add(value);
            }
            i++;
        }
        return out;
    }

    /** A copy of at most {@code limit} elements (all when {@code limit <= 0}). */
    public static List<String> limited(List<String> sorted, int limit) {
        int n = limit > 0 ? Math.min(limit, sorted.size()) : sorted.size();
        return new ArrayList<>(sorted.subList(0, n));
    }
}
