package io.strata.testing;

import io.strata.model.Utf8Order;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The querier of {@link InMemoryStorage}: copies what it selects, so it sees a snapshot, and checks
 * that nothing it handed out is used after {@link #close()}.
 */
final class InMemoryQuerier implements Querier {
    private final InMemoryStorage storage;
    private final long minTime;
    private final long maxTime;
    private volatile boolean closed;

    InMemoryQuerier(InMemoryStorage storage, long minTime, long maxTime) {
        this.storage = storage;
        this.minTime = minTime;
        this.maxTime = maxTime;
    }

    @Override
    public SeriesSet select(boolean sorted, SelectHints hints, List<Matcher> matchers) {
        checkOpen();
        if (matchers.stream().allMatch(Matcher::matchesEmpty)) {
            throw new StrataException(
                    ErrorCode.BAD_DATA,
                    "a selector needs at least one matcher that does not match the empty string: " + matchers);
        }
        int limit = hints == null ? 0 : hints.limit();
        List<MemSeries.Samples> samples = new ArrayList<>();
        List<Labels> labels = new ArrayList<>();
        storage.readLock();
        try {
            for (MemSeries s : storage.matching(matchers, minTime, maxTime)) {
                if (limit > 0 && labels.size() >= limit) {
                    break;
                }
                labels.add(s.labels);
                samples.add(s.copyRange(minTime, maxTime));
            }
        } finally {
            storage.lock().readLock().unlock();
        }
        return new ListSeriesSet(labels, samples);
    }

    @Override
    public List<String> labelNames(int limit, List<Matcher> matchers) {
        checkOpen();
        TreeSet<String> names = new TreeSet<>();
        storage.readLock();
        try {
            for (MemSeries s : storage.matching(matchers, minTime, maxTime)) {
                names.addAll(s.labels.names());
            }
        } finally {
            storage.lock().readLock().unlock();
        }
        return limited(names, limit);
    }

    @Override
    public List<String> labelValues(String name, int limit, List<Matcher> matchers) {
        checkOpen();
        TreeSet<String> values = new TreeSet<>();
        storage.readLock();
        try {
            for (MemSeries s : storage.matching(matchers, minTime, maxTime)) {
                String v = s.labels.get(name);
                if (v != null) {
                    values.add(v);
                }
            }
        } finally {
            storage.lock().readLock().unlock();
        }
        return limited(values, limit);
    }

    @Override
    public void close() {
        closed = true;
    }

    static boolean matchesAll(Labels labels, List<Matcher> matchers) {
        for (Matcher m : matchers) {
            String v = labels.get(m.name());
            if (!m.matches(v == null ? "" : v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The first {@code limit} strings (all when 0). TreeSet orders Java Strings by UTF-16 code
     * units, which differs from Prometheus's byte order only for characters beyond U+FFFF; sort
     * again by UTF-8 bytes so the order is the same everywhere.
     */
    private static List<String> limited(TreeSet<String> sorted, int limit) {
        List<String> all = new ArrayList<>(sorted);
        all.sort(Utf8Order.INSTANCE);
        return limit > 0 && all.size() > limit ? List.copyOf(all.subList(0, limit)) : List.copyOf(all);
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("BUG: querier used after close()");
        }
    }

    private final class ListSeriesSet implements SeriesSet {
        private final List<Labels> labels;
        private final List<MemSeries.Samples> samples;
        private int index = -1;

        ListSeriesSet(List<Labels> labels, List<MemSeries.Samples> samples) {
            this.labels = labels;
            this.samples = samples;
        }

        @Override
        public boolean next() {
            checkOpen();
            if (index < labels.size()) {
                index++;
            }
            return index < labels.size();
        }

        @Override
        public Series at() {
            checkOpen();
            if (index < 0 || index >= labels.size()) {
                throw new IllegalStateException("BUG: at() called while not on a series");
            }
            Labels l = labels.get(index);
            MemSeries.Samples s = samples.get(index);
            return new Series() {
                @Override
                public Labels labels() {
                    return l;
                }

                @Override
                public SampleCursor cursor(SampleCursor reuse) {
                    int n = s.timestamps().length;
                    if (reuse instanceof ArraySampleCursor c) {
                        return c.reset(s.timestamps(), s.values(), 0, n, () -> closed);
                    }
                    return new ArraySampleCursor(s.timestamps(), s.values(), 0, n, () -> closed);
                }
            };
        }
    }
}
