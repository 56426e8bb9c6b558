package io.strata.tsdb.index;

import io.strata.model.Utf8Order;

import java.util.List;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Read access to an inverted label index: label names, the sorted value dictionary of each name,
 * and the postings (series ids) of every name/value pair. Implemented by immutable blocks (over
 * mapped files) and by the head (over its in-memory index); {@link PostingsSelector} turns label
 * matchers into postings through this interface only.
 *
 * <p>Series ids are non-negative ints. In a block they are dense and assigned in
 * {@link io.strata.model.Labels} order, so iterating a bitmap yields series in label order.
 *
 * <p>Ordering: names and values are sorted in UTF-8 byte order ({@link Utf8Order}), the order of
 * {@link io.strata.model.Labels#compareTo} and of Prometheus. {@link PostingsSelector} relies on
 * it to binary-search prefixes.
 *
 * <p>Ownership: returned lists and bitmaps may be views over shared or memory-mapped data. Callers
 * must not modify them, and must not use them after the owner (a block querier, a head snapshot)
 * is closed. Implementations are safe for use by several threads at once.
 */
public interface LabelIndexReader {
    /** All label names, sorted, distinct. */
    List<String> labelNames();

    /**
     * Sorted distinct values of {@code name}; an empty list when the name is absent. May be a view:
     * callers do not modify it. Empty values never appear (a label with an empty value does not
     * exist).
     */
    List<String> labelValues(String name);

    /** Ids of the series with {@code name=value}; an empty bitmap when none. Callers do not modify it. */
    ImmutableRoaringBitmap postings(String name, String value);

    /**
     * Postings of {@code values.get(position)}, where {@code values} is a list this reader returned
     * from {@link #labelValues(String) labelValues(name)}. Readers whose value lists are positional
     * (blocks) override this to skip the dictionary lookup; the default looks the value up.
     */
    default ImmutableRoaringBitmap postingsAt(String name, List<String> values, int position) {
        return postings(name, values.get(position));
    }

    /** Ids of every series in the index. Callers do not modify it. */
    ImmutableRoaringBitmap allSeries();
}
