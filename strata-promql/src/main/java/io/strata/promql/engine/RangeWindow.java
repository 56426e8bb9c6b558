package io.strata.promql.engine;

import io.strata.model.Labels;

/**
 * The samples of one series inside one step's range, for functions over range vectors. The
 * window is {@code timestamps[from..to)} / {@code values[from..to)}, all with timestamps in
 * {@code (rangeStartMs, rangeEndMs]}; stale markers are already removed. The arrays hold the
 * series' other samples too (outside the window), which the extended range selectors need.
 * A function reports its result through {@link #result}. Reused across calls: no allocation.
 */
public final class RangeWindow {
    public long[] timestamps;
    public double[] values;
    /** Number of valid entries in the arrays. */
    public int length;
    public int from;
    public int to;
    /** Exclusive start of the range. */
    public long rangeStartMs;
    /** Inclusive end of the range (the evaluation time minus offset). */
    public long rangeEndMs;
    /** The step's evaluation time (before offset and {@code @}), e.g. for predict_linear. */
    public long evalTimeMs;
    /**
     * For the {@code anchored} and {@code smoothed} modifiers: {@code [extendedFrom, extendedTo)}
     * also holds the samples up to one lookback delta before the range (and, when smoothed, up
     * to one lookback delta after it), which those functions use at the boundaries. Without a
     * modifier they equal {@code from} and {@code to}.
     */
    public int extendedFrom;
    public int extendedTo;
    public boolean anchored;
    public boolean smoothed;
    /**
     * Set by {@link ExtendedRanges#locateEdges}: the values at the range's start and end (a real
     * sample or an interpolation) and the samples strictly inside the range, {@code [innerFrom, innerTo)}.
     */
    public double leftEdge;
    public double rightEdge;
    public int innerFrom;
    public int innerTo;
    /** The step index, to read per-step scalar arguments. */
    public int step;
    /** The series' labels, for annotations. */
    public Labels labels;
    /** Set by the function when it produces a value. */
    public double result;

    public int count() {
        return to - from;
    }
}
