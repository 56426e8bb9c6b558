package io.strata.promql.engine;

import io.strata.model.Labels;
import io.strata.promql.ast.Expr;

/**
 * A range vector: for each step, the samples of each series in {@code (end_i - range, end_i]}.
 * It is not materialised: {@link #forEachSeries} streams series one at a time, so a function
 * over a range vector holds one series' samples at once.
 */
public final class RangeArg implements EvalValue {
    /** Receives one series' samples, ascending by time; the arrays are valid only during the call. */
    public interface SeriesVisitor {
        /**
         * @param dropName the series must lose {@code __name__} at the end (delayed name removal of
         *     a subquery's inner result); functions that keep names must keep this mark
         */
        void visit(Labels labels, boolean dropName, long[] timestamps, double[] values, int length);
    }

    /** Produces the series; implemented by the selector loader and by subqueries. */
    interface Source {
        void forEach(SeriesVisitor visitor);
    }

    private final Expr expr;
    private final long rangeMs;
    private final long[] windowEnds;
    private final StepGrid grid;
    private final Source source;
    private long heldPoints;
    private boolean anchored;
    private boolean smoothed;
    private long lookbackMs;

    RangeArg(Expr expr, long rangeMs, long[] windowEnds, StepGrid grid, Source source) {
        this.expr = expr;
        this.rangeMs = rangeMs;
        this.windowEnds = windowEnds;
        this.grid = grid;
        this.source = source;
    }

    /** The matrix selector or subquery this came from (for annotations and metric names). */
    public Expr expr() {
        return expr;
    }

    /** Points this range vector keeps in memory (a subquery's inner result), for the sample budget. */
    long heldPoints() {
        return heldPoints;
    }

    RangeArg holding(long points) {
        heldPoints = points;
        return this;
    }

    /** Marks a range selector with the {@code anchored} or {@code smoothed} modifier. */
    RangeArg extended(boolean isAnchored, boolean isSmoothed, long lookback) {
        anchored = isAnchored;
        smoothed = isSmoothed;
        lookbackMs = lookback;
        return this;
    }

    public boolean anchored() {
        return anchored;
    }

    public boolean smoothed() {
        return smoothed;
    }

    public long rangeMs() {
        return rangeMs;
    }

    /** Inclusive end of step i's window: evaluation time (or {@code @} time) minus offset. */
    public long windowEnd(int step) {
        return windowEnds[step];
    }

    public int steps() {
        return windowEnds.length;
    }

    public void forEachSeries(SeriesVisitor visitor) {
        source.forEach(visitor);
    }

    /**
     * Positions {@code w} step by step over one series' samples and calls {@code perStep} for each
     * step; windows only move forward, so this is linear in samples plus steps.
     */
    public void forEachWindow(Labels labels, long[] ts, double[] values, int length, RangeWindow w, WindowVisitor perStep) {
        w.timestamps = ts;
        w.values = values;
        w.length = length;
        w.labels = labels;
        w.anchored = anchored;
        w.smoothed = smoothed;
        int from = 0;
        int to = 0;
        int extendedFrom = 0;
        int extendedTo = 0;
        for (int step = 0; step < windowEnds.length; step++) {
            long end = windowEnds[step];
            long start = end - rangeMs;
            while (to < length && ts[to] <= end) {
                to++;
            }
            while (from < to && ts[from] <= start) {
                from++;
            }
            w.from = from;
            w.to = to;
            if (anchored || smoothed) {
                while (extendedFrom < length && ts[extendedFrom] <= start - lookbackMs) {
                    extendedFrom++;
                }
                long extendedEnd = smoothed ? end + lookbackMs : end;
                extendedTo = Math.max(extendedTo, to);
                while (extendedTo < length && ts[extendedTo] <= extendedEnd) {
                    extendedTo++;
                }
                w.extendedFrom = Math.min(extendedFrom, from);
                w.extendedTo = extendedTo;
            } else {
                w.extendedFrom = from;
                w.extendedTo = to;
            }
            w.rangeStartMs = start;
            w.rangeEndMs = end;
            w.evalTimeMs = grid.time(step);
            w.step = step;
            perStep.visit(w);
        }
    }

    public interface WindowVisitor {
        void visit(RangeWindow w);
    }
}
