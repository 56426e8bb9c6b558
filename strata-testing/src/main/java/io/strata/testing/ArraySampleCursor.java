package io.strata.testing;

import io.strata.storage.SampleCursor;
import java.util.function.BooleanSupplier;

/**
 * A {@link SampleCursor} over a slice of parallel timestamp and value arrays that the cursor does
 * not copy: the caller must not change them while the cursor is in use.
 *
 * <p>It checks its contract as it goes (Lucene's asserting codecs): using it after the querier that
 * produced it was closed, or reading {@link #timestamp()} before positioning it, throws
 * {@code IllegalStateException("BUG: ...")}, so tests of query code catch misuse early.
 */
public final class ArraySampleCursor implements SampleCursor {
    private long[] timestamps;
    private double[] values;
    private int start;
    private int end;
    private int pos;
    private boolean exhausted;
    private BooleanSupplier closed;

    /**
     * @param from first index of the slice (inclusive)
     * @param to end of the slice (exclusive)
     * @param closed says whether the owner of the arrays was closed; {@code () -> false} if never
     */
    public ArraySampleCursor(long[] timestamps, double[] values, int from, int to, BooleanSupplier closed) {
        reset(timestamps, values, from, to, closed);
    }

    /** Re-points this cursor at another slice, as {@link io.strata.storage.Series#cursor} reuse needs. */
    public ArraySampleCursor reset(long[] timestamps, double[] values, int from, int to, BooleanSupplier closed) {
        if (from < 0 || to > timestamps.length || to > values.length || from > to) {
            throw new IllegalArgumentException("bad slice [" + from + ", " + to + ") of " + timestamps.length);
        }
        this.timestamps = timestamps;
        this.values = values;
        this.start = from;
        this.end = to;
        this.pos = from - 1;
        this.exhausted = false;
        this.closed = closed;
        return this;
    }

    @Override
    public int next() {
        checkOpen();
        if (exhausted || ++pos >= end) {
            exhausted = true;
            pos = end;
            return NONE;
        }
        return FLOAT;
    }

    @Override
    public int seek(long minTimestamp) {
        checkOpen();
        if (exhausted) {
            return NONE;
        }
        if (pos < start) {
            pos = start;
        }
        // Only advance while the current sample is too old: seek never moves backwards.
        while (pos < end && timestamps[pos] < minTimestamp) {
            pos++;
        }
        if (pos >= end) {
            exhausted = true;
            return NONE;
        }
        return FLOAT;
    }

    @Override
    public long timestamp() {
        checkPositioned();
        return timestamps[pos];
    }

    @Override
    public double value() {
        checkPositioned();
        return values[pos];
    }

    private void checkOpen() {
        if (closed.getAsBoolean()) {
            throw new IllegalStateException("BUG: sample cursor used after its querier was closed");
        }
    }

    private void checkPositioned() {
        checkOpen();
        if (exhausted || pos < start) {
            throw new IllegalStateException("BUG: cursor read while not on a sample (call next() or seek() first)");
        }
    }
}
