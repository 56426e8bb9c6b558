package io.strata.storage;

import io.strata.model.Matcher;
import java.util.List;

/**
 * Reads series, labels and samples within the time range the querier was opened for.
 * A querier is a snapshot: data appended after it opened may or may not be visible. It pins
 * the resources its results point into (mapped blocks, head chunks), so close it when done;
 * series sets and cursors it returned are invalid after {@link #close()}. Not thread-safe.
 */
public interface Querier extends AutoCloseable {
    /**
     * Series matching all {@code matchers} (at least one must not match the empty string), with
     * samples restricted to the querier's range. With {@code sorted}, series come in
     * {@link io.strata.model.Labels#compareTo} order.
     */
    SeriesSet select(boolean sorted, SelectHints hints, List<Matcher> matchers);

    /** Sorted, distinct label names of series matching {@code matchers} (all series if empty). */
    List<String> labelNames(int limit, List<Matcher> matchers);

    /** Sorted, distinct values of label {@code name} over series matching {@code matchers}. */
    List<String> labelValues(String name, int limit, List<Matcher> matchers);

    /** Releases what the querier pinned. Never throws for an already closed querier. */
    @Override
    void close();
}
