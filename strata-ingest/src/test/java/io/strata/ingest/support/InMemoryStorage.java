package io.strata.ingest.support;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.MetricMetadata;
import io.strata.model.StrataException;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appendable;
import io.strata.storage.Appender;
import io.strata.storage.Querier;
import io.strata.storage.Queryable;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import io.strata.testing.ArraySampleCursor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A storage for tests: appends become visible at commit, rejected samples are decided by a
 * pluggable {@link AppendPolicy}, commit can be made to fail, and refs handed back by
 * {@link Appender#lastRef()} are checked when callers pass them in again. Refs work with
 * {@link Appender#appendByRef} until {@link #forgetRefs()} (a stand-in for a series removed from
 * the head or a restarted store), and are never reused. Single-threaded.
 */
public final class InMemoryStorage implements Appendable, Queryable {
    /** One committed sample, in commit order. */
    public record StoredSample(Labels labels, long timestamp, double value) {}

    /** Decides the status of one append before it is accepted. */
    @FunctionalInterface
    public interface AppendPolicy {
        AppendStatus decide(Labels labels, long timestamp, double value);
    }

    private final List<StoredSample> committed = new ArrayList<>();
    private final TreeMap<Labels, TreeMap<Long, Double>> series = new TreeMap<>();
    private final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
    private final Map<Labels, Long> refs = new HashMap<>();
    private final Map<Long, Labels> labelsByRef = new HashMap<>();
    private long nextRef = 1;
    private long appendByRefCalls;
    private long unknownRefs;
    private final List<String> refMisuse = new ArrayList<>();
    private AppendPolicy policy = (labels, t, v) -> AppendStatus.OK;
    private StrataException commitFailure;
    private int commits;
    private int rollbacks;
    private long appendCalls;

    public InMemoryStorage policy(AppendPolicy policy) {
        this.policy = policy;
        return this;
    }

    /** Makes every later commit throw {@code failure}. */
    public InMemoryStorage failCommitWith(StrataException failure) {
        this.commitFailure = failure;
        return this;
    }

    public List<StoredSample> samples() {
        return Collections.unmodifiableList(committed);
    }

    public Map<String, MetricMetadata> metadata() {
        return Collections.unmodifiableMap(metadata);
    }

    public int commits() {
        return commits;
    }

    public int rollbacks() {
        return rollbacks;
    }

    public long appendCalls() {
        return appendCalls;
    }

    /** Appends through {@link Appender#appendByRef}, known refs or not. */
    public long appendByRefCalls() {
        return appendByRefCalls;
    }

    /** {@link Appender#appendByRef} calls answered {@link AppendStatus#UNKNOWN_SERIES}. */
    public long unknownRefs() {
        return unknownRefs;
    }

    /** Makes every ref handed out so far unknown; series get new refs on their next append. */
    public void forgetRefs() {
        refs.clear();
        labelsByRef.clear();
    }

    /** Descriptions of appends whose ref did not belong to their labels; empty when refs were used right. */
    public List<String> refMisuse() {
        return refMisuse;
    }

    /** Adds samples directly, as if committed, for read tests. */
    public void put(Labels labels, long timestamp, double value) {
        committed.add(new StoredSample(labels, timestamp, value));
        series.computeIfAbsent(labels, l -> new TreeMap<>()).put(timestamp, value);
    }

    @Override
    public Appender appender() {
        return new PendingAppender();
    }

    private final class PendingAppender implements Appender {
        private final List<StoredSample> pending = new ArrayList<>();
        private final Map<String, MetricMetadata> pendingMetadata = new LinkedHashMap<>();
        private long lastRef;
        private boolean done;

        @Override
        public AppendStatus append(long ref, Labels labels, long timestamp, double value) {
            checkOpen();
            appendCalls++;
            if (ref != 0 && !Long.valueOf(ref).equals(refs.get(labels))) {
                refMisuse.add("ref " + ref + " passed for " + labels + " which has " + refs.get(labels));
            }
            AppendStatus status = policy.decide(labels, timestamp, value);
            if (status != AppendStatus.OK) {
                return status;
            }
            pending.add(new StoredSample(labels, timestamp, value));
            lastRef = refs.computeIfAbsent(labels, l -> {
                long assigned = nextRef++;
                labelsByRef.put(assigned, l);
                return assigned;
            });
            return AppendStatus.OK;
        }

        @Override
        public AppendStatus appendByRef(long ref, long timestamp, double value) {
            checkOpen();
            appendByRefCalls++;
            Labels labels = labelsByRef.get(ref);
            if (labels == null) {
                unknownRefs++;
                return AppendStatus.UNKNOWN_SERIES;
            }
            AppendStatus status = policy.decide(labels, timestamp, value);
            if (status != AppendStatus.OK) {
                return status;
            }
            pending.add(new StoredSample(labels, timestamp, value));
            lastRef = ref;
            return AppendStatus.OK;
        }

        @Override
        public long lastRef() {
            return lastRef;
        }

        @Override
        public void updateMetadata(String metricFamily, MetricMetadata m) {
            checkOpen();
            pendingMetadata.put(metricFamily, m);
        }

        @Override
        public void commit() {
            checkOpen();
            done = true;
            if (commitFailure != null) {
                throw commitFailure;
            }
            commits++;
            for (StoredSample s : pending) {
                put(s.labels(), s.timestamp(), s.value());
            }
            metadata.putAll(pendingMetadata);
        }

        @Override
        public void rollback() {
            checkOpen();
            done = true;
            rollbacks++;
        }

        private void checkOpen() {
            if (done) {
                throw new IllegalStateException("appender used after commit or rollback");
            }
        }
    }

    @Override
    public Querier querier(long minTime, long maxTime) {
        return new Querier() {
            @Override
            public SeriesSet select(boolean sorted, SelectHints hints, List<Matcher> matchers) {
                List<Series> out = new ArrayList<>();
                for (Map.Entry<Labels, TreeMap<Long, Double>> e : series.entrySet()) {
                    if (!matchesAll(e.getKey(), matchers)) {
                        continue;
                    }
                    TreeMap<Long, Double> inRange = new TreeMap<>(e.getValue().subMap(minTime, true, maxTime, true));
                    if (!inRange.isEmpty()) {
                        out.add(new ListSeries(e.getKey(), inRange));
                    }
                }
                if (!sorted) {
                    Collections.reverse(out); // make tests that forget to ask for sorting notice
                }
                return new ListSeriesSet(out);
            }

            @Override
            public List<String> labelNames(int limit, List<Matcher> matchers) {
                TreeSet<String> names = new TreeSet<>();
                series.keySet().stream().filter(l -> matchesAll(l, matchers)).forEach(l -> names.addAll(l.names()));
                return new ArrayList<>(names);
            }

            @Override
            public List<String> labelValues(String name, int limit, List<Matcher> matchers) {
                TreeSet<String> values = new TreeSet<>();
                for (Labels l : series.keySet()) {
                    if (matchesAll(l, matchers) && l.get(name) != null) {
                        values.add(l.get(name));
                    }
                }
                return new ArrayList<>(values);
            }

            @Override
            public void close() {}
        };
    }

    private static boolean matchesAll(Labels labels, List<Matcher> matchers) {
        for (Matcher m : matchers) {
            String v = labels.get(m.name());
            if (!m.matches(v == null ? "" : v)) {
                return false;
            }
        }
        return true;
    }

    private record ListSeries(Labels labels, TreeMap<Long, Double> samples) implements Series {
        @Override
        public SampleCursor cursor(SampleCursor reuse) {
            long[] ts = samples.keySet().stream().mapToLong(Long::longValue).toArray();
            double[] vs = samples.values().stream().mapToDouble(Double::doubleValue).toArray();
            return new ArraySampleCursor(ts, vs, 0, ts.length, () -> false);
        }
    }

    private static final class ListSeriesSet implements SeriesSet {
        private final List<Series> series;
        private int i = -1;

        ListSeriesSet(List<Series> series) {
            this.series = series;
        }

        @Override
        public boolean next() {
            return ++i < series.size();
        }

        @Override
        public Series at() {
            return series.get(i);
        }
    }
}
