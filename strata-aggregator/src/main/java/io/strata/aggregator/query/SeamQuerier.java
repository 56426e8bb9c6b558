package io.strata.aggregator.query;

import io.strata.aggregator.stream.CounterNames;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import io.strata.storage.merge.MergeQuerier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads an aggregated namespace and continues each series with raw samples after its newest
 * written window (see {@link SeamCursor}). Series only the raw side has within the seam's range
 * (new ones, whose first window is still open) come from raw alone.
 */
final class SeamQuerier implements Querier {
    private final Querier aggregated;
    private final Querier raw;
    private final Querier labelsOfBoth;
    private final long maxTime;
    private final long resolution;

    /**
     * @param aggregated opened to the end of time, so each series' newest window is found
     * @param raw opened for the seam's part of the range
     * @param maxTime the end of the range asked for
     */
    SeamQuerier(Querier aggregated, Querier raw, long maxTime, long resolution) {
        this.aggregated = aggregated;
        this.raw = raw;
        this.maxTime = maxTime;
        this.resolution = resolution;
        this.labelsOfBoth = MergeQuerier.of(List.of(aggregated, raw));
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, List<Matcher> matchers) {
        if (hints != null && hints.labelsOnly()) {
            return labelsOfBoth.select(sorted, hints, matchers);
        }
        SeriesSet a = aggregated.select(true, hints, matchers);
        SeriesSet r = raw.select(true, hints, matchers);
        List<String> warnings = new ArrayList<>();
        return new SeriesSet() {
            private Series nextA;
            private Series nextR;
            private boolean consumedA = true;
            private boolean consumedR = true;
            private Series current;

            @Override
            public boolean next() {
                // A set's current series stays valid only until its next next(), so a side moves on
                // only once the caller is done with the series it gave.
                if (consumedA) {
                    nextA = advance(a);
                    consumedA = false;
                }
                if (consumedR) {
                    nextR = advance(r);
                    consumedR = false;
                }
                if (nextA == null && nextR == null) {
                    warnings.addAll(a.warnings());
                    warnings.addAll(r.warnings());
                    return false;
                }
                int cmp = nextA == null ? 1 : nextR == null ? -1 : nextA.labels().compareTo(nextR.labels());
                if (cmp < 0) {
                    Series agg = nextA;
                    current = new DerivedSeries(agg.labels(), () -> new ClippedCursor(agg.cursor(null), maxTime));
                    consumedA = true;
                } else if (cmp > 0) {
                    current = nextR;
                    consumedR = true;
                } else {
                    Series agg = nextA;
                    Series rawSeries = nextR;
                    boolean counter = CounterNames.isCounter(agg.labels());
                    current = new DerivedSeries(agg.labels(),
                            () -> new SeamCursor(agg.cursor(null), rawSeries.cursor(null), counter, maxTime, resolution));
                    consumedA = true;
                    consumedR = true;
                }
                return true;
            }

            @Override
            public Series at() {
                return current;
            }

            @Override
            public List<String> warnings() {
                return warnings;
            }
        };
    }

    /** A series whose cursor wraps the cursors of the series it was made from. */
    private record DerivedSeries(Labels labels, Supplier<SampleCursor> cursors) implements Series {
        @Override
        public SampleCursor cursor(SampleCursor reuse) {
            return cursors.get();
        }
    }

    /** The next series of {@code set}, or null at its end. */
    private static Series advance(SeriesSet set) {
        return set.next() ? set.at() : null;
    }

    @Override
    public List<String> labelNames(int limit, List<Matcher> matchers) {
        return labelsOfBoth.labelNames(limit, matchers);
    }

    @Override
    public List<String> labelValues(String name, int limit, List<Matcher> matchers) {
        return labelsOfBoth.labelValues(name, limit, matchers);
    }

    @Override
    public void close() {
        labelsOfBoth.close(); // closes both
    }
}
