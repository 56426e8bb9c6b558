package io.strata.aggregator.stream;

import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import io.strata.storage.merge.MergeQuerier;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the open windows after a restart, before ingest resumes. Each aggregated output resumes
 * after the newest window its namespace holds ({@code W}); the raw samples after {@code W} are
 * aggregated again, so windows that were open when the process died are complete, and windows
 * already written are not written again. Counters get their running state back from the same
 * newest window: the reset offset of a {@code last} copy, the total of a rollup.
 */
public final class WindowRecovery {
    private static final Logger LOG = LoggerFactory.getLogger(WindowRecovery.class);
    /** Windows written at once while replaying, so memory stays bounded. */
    private static final int FLUSH_EVERY = 10_000;

    private record Newest(long time, double value) {}

    /** Per series: where each target resumes, and the raw sample just before it. */
    private static final class Plan {
        final SeriesTargets targets;
        final long[] resumeAt; // mappings then rollups; Long.MIN_VALUE: nothing written yet
        final double[] lastWritten;
        final long[] baseTime;
        final double[] baseValue;
        final boolean[] resumed;

        Plan(SeriesTargets targets) {
            this.targets = targets;
            int n = targets.mappings().length + targets.rollups().length;
            resumeAt = new long[n];
            lastWritten = new double[n];
            baseTime = new long[n];
            baseValue = new double[n];
            resumed = new boolean[n];
            java.util.Arrays.fill(baseTime, Long.MIN_VALUE);
            java.util.Arrays.fill(baseValue, Double.NaN);
        }
    }

    private WindowRecovery() {}

    /**
     * @param raw the newest sample of every series of the raw head and of the input store: the
     *     series to resume
     * @param written the newest sample of every series of each aggregated namespace, by name
     * @return the number of raw samples aggregated again
     */
    public static long run(DownsamplingStorage storage, NewestSamples raw, Map<String, NewestSamples> written) {
        long started = System.nanoTime();
        AggregationSetup setup = storage.setup();
        if (setup.trivial()) {
            return 0;
        }
        Map<AggregatedNamespace, Map<Labels, Newest>> newest = new IdentityHashMap<>();
        for (AggregatedNamespace ns : setup.namespaces().values()) {
            Map<Labels, Newest> m = new HashMap<>();
            NewestSamples source = written.get(ns.name());
            if (source != null) {
                source.forEach((series, t, v) -> m.put(series, new Newest(t, v)));
            }
            newest.put(ns, m);
        }
        Map<Labels, Plan> plans = new HashMap<>();
        long[] earliest = {Long.MAX_VALUE};
        long padding = 0;
        for (AggregatedNamespace ns : setup.namespaces().values()) {
            padding = Math.max(padding, 2 * (ns.resolutionMillis() + ns.latenessMillis()));
        }
        long pad = padding;
        // Windows of targets the current rules no longer have, written as they stand (none at start-up).
        EmitBuffer removedTargets = new EmitBuffer(storage.metrics());
        raw.forEach((series, rawNewest, v) -> {
            SeriesEntry e = storage.table().getOrCreate(series);
            SeriesTargets t = storage.targets(e, setup, removedTargets);
            if (!t.aggregates()) {
                return;
            }
            Plan p = new Plan(t);
            int i = 0;
            for (MappingWindows w : t.mappings()) {
                Newest n = newest.get(w.namespace()).get(w.output());
                p.resumeAt[i] = n == null ? Long.MIN_VALUE : w.windowEndOf(n.time());
                p.lastWritten[i] = n == null ? Double.NaN : n.value();
                i++;
            }
            for (RollupInput in : t.rollups()) {
                RollupGroup g = in.group();
                Newest n = newest.get(g.namespace()).get(g.output());
                p.resumeAt[i] = n == null ? Long.MIN_VALUE : n.time();
                if (n != null) {
                    g.resume(n.time(), n.value());
                }
                i++;
            }
            long from = Long.MAX_VALUE;
            for (long r : p.resumeAt) {
                from = Math.min(from, r == Long.MIN_VALUE ? rawNewest - pad : r - pad);
            }
            earliest[0] = Math.min(earliest[0], from);
            plans.put(series, p);
        });
        removedTargets.flush();
        if (plans.isEmpty()) {
            return 0;
        }
        long replayed = replay(storage, plans, earliest[0]);
        LOG.info("rebuilt the aggregation windows of {} series from {} raw samples in {} ms", plans.size(), replayed,
                (System.nanoTime() - started) / 1_000_000);
        return replayed;
    }

    private static long replay(DownsamplingStorage storage, Map<Labels, Plan> plans, long from) {
        long count = 0;
        EmitBuffer out = new EmitBuffer(storage.metrics());
        int sinceFlush = 0;
        long wall = storage.clock().millis();
        // A series may be in both stores (a drop rule came or went): the merge reads each sample once.
        try (Querier q = MergeQuerier.of(List.of(storage.raw().querier(from, Long.MAX_VALUE),
                storage.input().querier(from, Long.MAX_VALUE)))) {
            SeriesSet set = q.select(false, SelectHints.range(from, Long.MAX_VALUE),
                    List.of(Matcher.of(MatchType.REGEX, Labels.METRIC_NAME, ".+")));
            SampleCursor cursor = null;
            while (set.next()) {
                Plan p = plans.get(set.at().labels());
                if (p == null) {
                    continue;
                }
                cursor = set.at().cursor(cursor);
                while (cursor.next() == SampleCursor.FLOAT) {
                    long t = cursor.timestamp();
                    double v = cursor.value();
                    count += feed(p, t, v, wall, out);
                    if (++sinceFlush >= FLUSH_EVERY) {
                        out.flush();
                        sinceFlush = 0;
                    }
                }
                finish(p);
            }
        }
        out.flush();
        return count;
    }

    /** Feeds one raw sample to every target of its series that resumes before it. */
    private static int feed(Plan p, long t, double v, long wall, WindowOutput out) {
        SeriesTargets targets = p.targets;
        int fed = 0;
        int i = 0;
        for (MappingWindows w : targets.mappings()) {
            if (t < p.resumeAt[i]) {
                p.baseTime[i] = t;
                p.baseValue[i] = v;
            } else {
                resume(p, i, w, null);
                w.add(t, v, wall, out);
                fed = 1;
            }
            i++;
        }
        for (RollupInput in : targets.rollups()) {
            if (t < p.resumeAt[i]) {
                p.baseTime[i] = t;
                p.baseValue[i] = v;
            } else {
                resume(p, i, null, in);
                in.add(t, v, wall, out);
                fed = 1;
            }
            i++;
        }
        return fed;
    }

    private static void finish(Plan p) {
        int i = 0;
        for (MappingWindows w : p.targets.mappings()) {
            resume(p, i++, w, null);
        }
        for (RollupInput in : p.targets.rollups()) {
            resume(p, i++, null, in);
        }
    }

    private static void resume(Plan p, int i, MappingWindows w, RollupInput in) {
        if (p.resumed[i]) {
            return;
        }
        p.resumed[i] = true;
        if (p.resumeAt[i] == Long.MIN_VALUE) {
            return;
        }
        if (w != null) {
            w.resume(p.resumeAt[i], p.lastWritten[i], p.baseValue[i], p.baseTime[i]);
        } else {
            in.resume(p.baseTime[i], p.baseValue[i]);
        }
    }
}
