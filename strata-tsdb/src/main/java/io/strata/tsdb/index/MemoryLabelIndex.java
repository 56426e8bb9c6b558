package io.strata.tsdb.index;

import io.strata.model.Utf8Order;

import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * A mutable label index on the heap: the block writer builds the postings of a new block with it,
 * and tests use it as a reference implementation. Not thread-safe; results are live views that
 * change with later {@link #add} calls.
 *
 * <p>Adding ids in ascending order is cheapest (Roaring appends to its last container).
 */
public final class MemoryLabelIndex implements LabelIndexReader {
    private final TreeMap<String, TreeMap<String, MutableRoaringBitmap>> postings = new TreeMap<>(Utf8Order.INSTANCE);
    private final MutableRoaringBitmap all = new MutableRoaringBitmap();

    /** Indexes series {@code id} under each of its label pairs. */
    public void add(Labels labels, int id) {
        labels.forEach((name, value) -> add(name, value, id));
        all.add(id);
    }

    /** Indexes series {@code id} under one pair; the caller adds it to every pair of its labels. */
    public void add(String name, String value, int id) {
        postings.computeIfAbsent(name, n -> new TreeMap<>(Utf8Order.INSTANCE))
                .computeIfAbsent(value, v -> new MutableRoaringBitmap())
                .add(id);
        all.add(id);
    }

    @Override
    public List<String> labelNames() {
        return new ArrayList<>(postings.keySet());
    }

    @Override
    public List<String> labelValues(String name) {
        TreeMap<String, MutableRoaringBitmap> values = postings.get(name);
        return values == null ? List.of() : new ArrayList<>(values.keySet());
    }

    @Override
    public ImmutableRoaringBitmap postings(String name, String value) {
        TreeMap<String, MutableRoaringBitmap> values = postings.get(name);
        MutableRoaringBitmap p = values == null ? null : values.get(value);
        return p == null ? Postings.EMPTY : p;
    }

    @Override
    public ImmutableRoaringBitmap allSeries() {
        return all;
    }

    /** Names with their values and postings in sorted order, for writers. */
    public Map<String, TreeMap<String, MutableRoaringBitmap>> byName() {
        return postings;
    }
}
