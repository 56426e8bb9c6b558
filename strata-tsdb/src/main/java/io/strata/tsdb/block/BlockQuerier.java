package io.strata.tsdb.block;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SelectHints;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import io.strata.tsdb.index.IndexReader;
import io.strata.tsdb.index.LabelQueries;
import io.strata.tsdb.index.PostingsSelector;
import io.strata.tsdb.index.SeriesDecoder;
import io.strata.model.Utf8Order;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.roaringbitmap.PeekableIntIterator;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * A {@link io.strata.storage.Querier} over one block. Series come in label order whatever
 * {@code sorted} says (ids are assigned in label order), with their chunks trimmed to the range;
 * a series none of whose chunks overlaps the range, or whose overlapping part is wholly deleted,
 * is left out. Pins the block until closed.
 */
final class BlockQuerier implements Querier {
    /**
     * Below this many selected series, label names/values are read from the series' own labels;
     * above, from postings intersections, which cost per distinct value instead of per series.
     */
    private static final int SERIES_SCAN_LIMIT = 2048;

    private final BlockReader reader;
    private final long minTime;
    private final long maxTime;
    private boolean closed;

    BlockQuerier(BlockReader reader, long minTime, long maxTime) {
        this.reader = reader;
        this.minTime = minTime;
        this.maxTime = maxTime;
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, List<Matcher> matchers) {
        checkOpen();
        long from = minTime;
        long to = maxTime;
        int limit = 0;
        if (hints != null) {
            from = Math.max(from, hints.start());
            to = Math.min(to, hints.end());
            limit = hints.limit();
        }
        ImmutableRoaringBitmap ids = PostingsSelector.select(reader.index(), matchers);
        if (ids.isEmpty() || from > to || !reader.meta().overlaps(from, to)) {
            return SeriesSet.EMPTY;
        }
        return new BlockSeriesSet(ids.getIntIterator(), from, to, limit);
    }

    @Override
    public List<String> labelNames(int limit, List<Matcher> matchers) {
        checkOpen();
        IndexReader index = reader.index();
        if (!matchers.isEmpty()) {
            ImmutableRoaringBitmap ids = PostingsSelector.selectFromAll(index, matchers);
            if (ids.getCardinality() <= SERIES_SCAN_LIMIT) {
                TreeSet<String> names = new TreeSet<>(Utf8Order.INSTANCE);
                forEachLabels(ids, labels -> names.addAll(labels.names()));
                return LabelQueries.limited(new ArrayList<>(names), limit);
            }
        }
        return LabelQueries.labelNames(index, matchers, limit);
    }

    @Override
    public List<String> labelValues(String name, int limit, List<Matcher> matchers) {
        checkOpen();
        IndexReader index = reader.index();
        if (!matchers.isEmpty()) {
            ImmutableRoaringBitmap ids = PostingsSelector.selectFromAll(index, matchers);
            if (ids.getCardinality() <= SERIES_SCAN_LIMIT) {
                TreeSet<String> values = new TreeSet<>(Utf8Order.INSTANCE);
                forEachLabels(ids, labels -> {
                    String v = labels.get(name);
                    if (v != null) {
                        values.add(v);
                    }
                });
                return LabelQueries.limited(new ArrayList<>(values), limit);
            }
        }
        return LabelQueries.labelValues(index, name, matchers, limit);
    }

    private void forEachLabels(ImmutableRoaringBitmap ids, java.util.function.Consumer<Labels> consumer) {
        SeriesDecoder decoder = reader.index().seriesDecoder();
        for (PeekableIntIterator it = ids.getIntIterator(); it.hasNext(); ) {
            decoder.seek(it.next());
            consumer.accept(decoder.labels());
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("BUG: querier used after close");
        }
    }

    @Override
    public void close() {
        closed = true;
        reader.close();
    }

    /** Walks the selected ids, building a series for each that has data in range. */
    private final class BlockSeriesSet implements SeriesSet {
        private final PeekableIntIterator ids;
        private final SeriesDecoder decoder = reader.index().seriesDecoder();
        private final long from;
        private final long to;
        private final int limit;
        private int returned;
        private Series current;

        BlockSeriesSet(PeekableIntIterator ids, long from, long to, int limit) {
            this.ids = ids;
            this.from = from;
            this.to = to;
            this.limit = limit;
        }

        @Override
        public boolean next() {
            checkOpen();
            current = null;
            if (limit > 0 && returned >= limit) {
                return false;
            }
            while (ids.hasNext()) {
                int id = ids.next();
                decoder.seek(id);
                long[] deleted = reader.tombstones().intervals(id);
                int first = -1;
                int last = -1;
                for (int c = 0; c < decoder.chunkCount(); c++) {
                    long cMin = decoder.chunkMinTime(c);
                    long cMax = decoder.chunkMaxTime(c);
                    if (cMax < from || cMin > to) {
                        continue;
                    }
                    if (Tombstones.covers(deleted, Math.max(cMin, from), Math.min(cMax, to))) {
                        continue;
                    }
                    if (first < 0) {
                        first = c;
                    }
                    last = c;
                }
                if (first < 0) {
                    continue;
                }
                int n = last - first + 1;
                long[] offsets = new long[n];
                int[] lengths = new int[n];
                long[] mins = new long[n];
                long[] maxs = new long[n];
                for (int i = 0; i < n; i++) {
                    offsets[i] = decoder.chunkOffset(first + i);
                    lengths[i] = decoder.chunkLength(first + i);
                    mins[i] = decoder.chunkMinTime(first + i);
                    maxs[i] = decoder.chunkMaxTime(first + i);
                }
                current = new BlockSeries(
                        decoder.labels(), reader.chunks(), offsets, lengths, mins, maxs, from, to, deleted);
                returned++;
                return true;
            }
            return false;
        }

        @Override
        public Series at() {
            if (current == null) {
                throw new IllegalStateException("BUG: at() without a successful next()");
            }
            return current;
        }
    }
}
