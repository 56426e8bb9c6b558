package io.strata.promql.engine;

import io.strata.model.Labels;
import io.strata.model.SampleValues;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.VectorSelector;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads selectors from storage, one series at a time. */
final class Selectors {
    private final EvalContext ctx;
    private final Durations durations;

    Selectors(EvalContext ctx, Durations durations) {
        this.ctx = ctx;
        this.durations = durations;
    }

    /**
     * Per step, the time a selector reads at: the step's time, or the {@code @} time, minus the
     * offset.
     */
    long[] readTimes(AtModifier at, long offsetMs, StepGrid grid) {
        long[] times = switch (at.kind()) {
            case NONE -> grid.times();
            case TIMESTAMP -> filled(grid.count(), at.timestampMs());
            case START -> filled(grid.count(), ctx.queryStartMs());
            case END -> filled(grid.count(), ctx.queryEndMs());
        };
        for (int i = 0; i < times.length; i++) {
            times[i] -= offsetMs;
        }
        return times;
    }

    private static long[] filled(int n, long value) {
        long[] times = new long[n];
        Arrays.fill(times, value);
        return times;
    }

    long offsetMs(VectorSelector vs) {
        return durations.millis(vs.offsetMs(), vs.offsetExpr());
    }

    /**
     * An instant selector: at each step, the newest sample in {@code (t - lookback, t]}, unless it
     * is a stale marker. With {@code timestamps}, the value is the sample's time in seconds
     * (what {@code timestamp()} returns).
     */
    StepVector instant(VectorSelector vs, StepGrid grid, boolean timestamps) {
        long[] times = readTimes(vs.at(), offsetMs(vs), grid);
        long lookback = ctx.lookbackMs();
        long minT = times[0] - lookback + 1;
        long maxT = times[times.length - 1] + (vs.smoothed() ? lookback : 0);
        List<StepSeries> out = new ArrayList<>();
        SelectHints hints = new SelectHints(minT, maxT, grid.stepMs(), null, 0, false);
        try (Querier querier = ctx.storage().querier(minT, maxT)) {
            SeriesSet set = querier.select(false, hints, vs.matchers());
            SeriesPipeline.run(set, seriesCounter(),
                    (labels, cursor) -> vs.smoothed()
                            ? smoothed(labels, cursor, times, lookback)
                            : lookback(labels, cursor, times, lookback, timestamps, vs.anchored()),
                    s -> {
                        ctx.budget().acquire(s.steps());
                        out.add(s);
                    });
        }
        return new StepVector(grid, out);
    }

    /** Checks the series limit and, every 256 series, cancellation and the deadline. */
    private Runnable seriesCounter() {
        int[] count = new int[1];
        return () -> {
            if ((++count[0] & 255) == 0) {
                ctx.checkInterrupted();
            }
            checkSeriesLimit(count[0]);
        };
    }

    private StepSeries lookback(Labels labels, SampleCursor cursor, long[] times, long lookback, boolean timestamps,
            boolean skipStale) {
        StepSeries s = null;
        int kind = cursor.next();
        long lastTs = Long.MIN_VALUE;
        double lastValue = 0;
        long read = 0;
        for (int i = 0; i < times.length; i++) {
            long t = times[i];
            while (kind != SampleCursor.NONE && cursor.timestamp() <= t) {
                // "anchored" ignores staleness markers: they neither end the series nor count as a value.
                if (kind == SampleCursor.FLOAT && !(skipStale && SampleValues.isStaleNaN(cursor.value()))) {
                    lastTs = cursor.timestamp();
                    lastValue = cursor.value();
                    read++;
                }
                kind = cursor.next();
            }
            if (lastTs != Long.MIN_VALUE && lastTs > t - lookback && !SampleValues.isStaleNaN(lastValue)) {
                if (s == null) {
                    s = new StepSeries(labels, times.length);
                }
                s.set(i, timestamps ? lastTs / 1000.0 : lastValue);
            }
        }
        ctx.budget().countRead(read);
        return s;
    }

    /**
     * The {@code smoothed} instant selector: the value at t interpolated linearly between the
     * newest sample at or before t and the oldest after it (each within the lookback delta,
     * staleness markers ignored); the newest one alone when nothing follows.
     */
    private StepSeries smoothed(Labels labels, SampleCursor cursor, long[] times, long lookback) {
        StepSeries s = null;
        int kind = nextNonStale(cursor, cursor.next());
        long prevTs = Long.MIN_VALUE;
        double prevValue = 0;
        for (int i = 0; i < times.length; i++) {
            long t = times[i];
            while (kind != SampleCursor.NONE && cursor.timestamp() <= t) {
                prevTs = cursor.timestamp();
                prevValue = cursor.value();
                kind = nextNonStale(cursor, cursor.next());
            }
            if (prevTs == Long.MIN_VALUE || prevTs <= t - lookback) {
                continue;
            }
            double v = prevValue;
            if (prevTs < t && kind != SampleCursor.NONE && cursor.timestamp() < t + lookback) {
                long nextTs = cursor.timestamp();
                v = prevValue + (cursor.value() - prevValue) * (double) (t - prevTs) / (double) (nextTs - prevTs);
            }
            if (s == null) {
                s = new StepSeries(labels, times.length);
            }
            s.set(i, v);
        }
        return s;
    }

    private static int nextNonStale(SampleCursor cursor, int kind) {
        while (kind != SampleCursor.NONE && (kind != SampleCursor.FLOAT || SampleValues.isStaleNaN(cursor.value()))) {
            kind = cursor.next();
        }
        return kind;
    }

    private void checkSeriesLimit(int seriesCount) {
        long limit = ctx.options().maxSeries();
        if (limit > 0 && seriesCount > limit) {
            throw new io.strata.model.StrataException(io.strata.model.ErrorCode.EXECUTION,
                    "query selects more than " + limit + " series (raise the limit with --query.max-series)");
        }
    }

    /** A range selector as a lazily read range vector. */
    RangeArg range(MatrixSelector ms, StepGrid grid) {
        VectorSelector vs = ms.selector();
        long rangeMs = durations.millis(ms.rangeMs(), ms.rangeExpr());
        long[] ends = readTimes(vs.at(), offsetMs(vs), grid);
        long lookback = ctx.lookbackMs();
        boolean extended = vs.anchored() || vs.smoothed();
        long minT = ends[0] - rangeMs + 1 - (extended ? lookback : 0);
        long maxT = ends[ends.length - 1] + (vs.smoothed() ? lookback : 0);
        RangeArg.Source source = visitor -> readRange(vs, minT, maxT, grid.stepMs(), rangeMs, visitor);
        return new RangeArg(ms, rangeMs, ends, grid, source).extended(vs.anchored(), vs.smoothed(), lookback);
    }

    private void readRange(VectorSelector vs, long minT, long maxT, long step, long rangeMs, RangeArg.SeriesVisitor visitor) {
        SelectHints hints = new SelectHints(minT, maxT, step, null, 0, false);
        try (Querier querier = ctx.storage().querier(minT, maxT)) {
            SeriesSet set = querier.select(false, hints, vs.matchers());
            SeriesPipeline.run(set, seriesCounter(), (labels, cursor) -> samples(labels, cursor, minT, maxT), r -> {
                int n = r.length();
                ctx.budget().countRead(n);
                ctx.budget().acquire(n);
                try {
                    visitor.visit(r.labels(), false, r.timestamps(), r.values(), n);
                } finally {
                    ctx.budget().release(n);
                }
            });
        }
    }

    /** One series' float samples in {@code [minT, maxT]}, stale markers left out. */
    record SeriesSamples(Labels labels, long[] timestamps, double[] values, int length) {
    }

    private static SeriesSamples samples(Labels labels, SampleCursor cursor, long minT, long maxT) {
        long[] ts = new long[32];
        double[] values = new double[32];
        int n = 0;
        for (int kind = cursor.seek(minT); kind != SampleCursor.NONE; kind = cursor.next()) {
            long t = cursor.timestamp();
            if (t > maxT) {
                break;
            }
            if (kind != SampleCursor.FLOAT) {
                continue;
            }
            double v = cursor.value();
            if (SampleValues.isStaleNaN(v)) {
                continue;
            }
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                values = Arrays.copyOf(values, n * 2);
            }
            ts[n] = t;
            values[n] = v;
            n++;
        }
        return n == 0 ? null : new SeriesSamples(labels, ts, values, n);
    }
}
