package io.strata.tsdb.head;

import io.strata.model.Utf8Order;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * Reads the head over {@code [minTime, maxTime]}. {@code select} returns only series with samples
 * in the range (checked under each series' lock); their cursors capture the series' chunks when
 * they are created. The label APIs answer from the whole head index, as Prometheus's head does,
 * since its time range is short anyway.
 */
final class HeadQuerier implements Querier {
    private final Head head;
    final long minTime;
    private final long maxTime;
    private boolean closed;

    HeadQuerier(Head head, long minTime, long maxTime) {
        this.head = head;
        this.minTime = minTime;
        this.maxTime = maxTime;
        head.openQueriers.opened(this);
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, List<Matcher> matchers) {
        long mint = Math.max(minTime, hints == null ? Long.MIN_VALUE : hints.start());
        long maxt = Math.min(maxTime, hints == null ? Long.MAX_VALUE : hints.end());
        if (mint > maxt) {
            return SeriesSet.EMPTY;
        }
        MutableRoaringBitmap refs = head.index.select(matchers, true);
        List<Found> found = new ArrayList<>();
        long mintF = mint;
        long maxtF = maxt;
        refs.forEach((IntConsumer) ref -> {
            HeadSeries s = head.series.byRef(ref);
            if (s != null) {
                synchronized (s) {
                    long lo = s.minTimeLocked(head.chunks);
                    long hi = s.headMaxTimeLocked();
                    if (lo != Long.MAX_VALUE && lo <= maxtF && hi >= mintF) {
                        found.add(new Found(head.symbols.labels(s.symbols), s));
                    }
                }
            }
        });
        if (sorted) {
            found.sort((a, b) -> a.labels().compareTo(b.labels()));
        }
        int limit = hints == null ? 0 : hints.limit();
        if (limit > 0 && found.size() > limit) {
            found.subList(limit, found.size()).clear();
        }
        return new HeadSeriesSet(found, mint, maxt);
    }

    /** A selected series with its labels wrapped once (sorting compares them many times). */
    private record Found(Labels labels, HeadSeries series) {}

    private final class HeadSeriesSet implements SeriesSet {
        private final List<Found> list;
        private final long mint;
        private final long maxt;
        private int i = -1;
        private final HeadSeriesView view = new HeadSeriesView();

        HeadSeriesSet(List<Found> list, long mint, long maxt) {
            this.list = list;
            this.mint = mint;
            this.maxt = maxt;
        }

        @Override
        public boolean next() {
            return ++i < list.size();
        }

        @Override
        public Series at() {
            Found f = list.get(i);
            view.series = f.series();
            view.labels = f.labels();
            return view;
        }

        private final class HeadSeriesView implements Series {
            HeadSeries series;
            Labels labels;

            @Override
            public Labels labels() {
                return labels;
            }

            @Override
            public SampleCursor cursor(SampleCursor reuse) {
                SeriesSnapshot snapshot;
                synchronized (series) {
                    snapshot = series.snapshotLocked(mint, maxt, head.chunks);
                }
                return snapshot == null ? SampleCursor.EMPTY : snapshot.cursor(reuse);
            }
        }
    }

    @Override
    public List<String> labelNames(int limit, List<Matcher> matchers) {
        List<String> names;
        if (matchers.isEmpty()) {
            names = head.index.labelNames();
        } else {
            TreeSet<String> set = new TreeSet<>(Utf8Order.INSTANCE);
            forEachMatching(matchers, l -> set.addAll(l.names()));
            names = new ArrayList<>(set);
        }
        return limited(names, limit);
    }

    @Override
    public List<String> labelValues(String name, int limit, List<Matcher> matchers) {
        List<String> values;
        if (matchers.isEmpty()) {
            values = head.index.labelValues(name);
        } else {
            TreeSet<String> set = new TreeSet<>(Utf8Order.INSTANCE);
            forEachMatching(matchers, l -> {
                String v = l.get(name);
                if (v != null) {
                    set.add(v);
                }
            });
            values = new ArrayList<>(set);
        }
        return limited(values, limit);
    }

    private void forEachMatching(List<Matcher> matchers, java.util.function.Consumer<Labels> action) {
        MutableRoaringBitmap refs = head.index.select(matchers, false);
        refs.forEach((IntConsumer) ref -> {
            HeadSeries s = head.series.byRef(ref);
            if (s != null) {
                action.accept(head.symbols.labels(s.symbols));
            }
        });
    }

    private static List<String> limited(List<String> list, int limit) {
        return limit > 0 && list.size() > limit ? new ArrayList<>(list.subList(0, limit)) : list;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            head.openQueriers.closed(this);
        }
    }
}
