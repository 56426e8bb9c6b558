package io.strata.storage.merge;

import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@link Querier} over several, e.g. the head and the blocks of a TSDB. Series with the same
 * labels in several queriers are merged into one series; samples with the same timestamp are
 * deduplicated and the querier listed first wins (see {@link MergeSampleCursor}).
 *
 * <p>{@code select} asks every input for sorted output, since merging needs it, and so always
 * returns series sorted by labels. Label names and values are merged as sorted distinct lists.
 * Closing closes every input, even when some fail; later failures are attached as suppressed.
 * Owns its inputs. Not thread-safe, like every querier.
 */
public final class MergeQuerier implements Querier {
    private final List<Querier> queriers;

    private MergeQuerier(List<Querier> queriers) {
        this.queriers = queriers;
    }

    /**
     * A querier over {@code queriers} in priority order; a single input is returned as it is.
     * Merges over nothing (no blocks in range, say) are dropped first, so the common case of one
     * real source does not pay for sorted selects it does not need.
     */
    public static Querier of(List<? extends Querier> queriers) {
        List<Querier> parts = new ArrayList<>(queriers.size());
        for (Querier q : queriers) {
            if (q instanceof MergeQuerier m && m.queriers.isEmpty()) {
                continue;
            }
            parts.add(q);
        }
        if (parts.size() == 1) {
            return parts.getFirst();
        }
        return new MergeQuerier(List.copyOf(parts));
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, List<Matcher> matchers) {
        List<SeriesSet> sets = new ArrayList<>(queriers.size());
        for (Querier q : queriers) {
            sets.add(q.select(true, hints, matchers));
        }
        return MergeSeriesSet.of(sets);
    }

    @Override
    public List<String> labelNames(int limit, List<Matcher> matchers) {
        List<List<String>> lists = new ArrayList<>(queriers.size());
        for (Querier q : queriers) {
            lists.add(q.labelNames(limit, matchers));
        }
        return SortedStrings.mergeDistinct(lists, limit);
    }

    @Override
    public List<String> labelValues(String name, int limit, List<Matcher> matchers) {
        List<List<String>> lists = new ArrayList<>(queriers.size());
        for (Querier q : queriers) {
            lists.add(q.labelValues(name, limit, matchers));
        }
        return SortedStrings.mergeDistinct(lists, limit);
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (Querier q : queriers) {
            try {
                q.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
