package io.strata.testing;

import io.strata.storage.SampleCursor;

/**
 * Wraps a {@link SampleCursor} and checks its contract on every call (Lucene's asserting codecs):
 * timestamps strictly increase, {@code seek} never moves backwards and lands on a timestamp at or
 * after its target, an exhausted cursor stays exhausted, and {@code timestamp()} and
 * {@code value()} are only read while positioned on a sample ({@code value()} only on a float).
 * Violations throw {@link AssertionError} naming the call and the values. For tests.
 */
public final class AssertingSampleCursor implements SampleCursor {
    private final SampleCursor in;
    private int kind = -1; // -1 before the first move
    private long last = Long.MIN_VALUE;
    private boolean hasLast;

    public AssertingSampleCursor(SampleCursor in) {
        this.in = in;
    }

    /** {@code cursor} wrapped, or as it is when already wrapped. */
    public static SampleCursor wrap(SampleCursor cursor) {
        return cursor instanceof AssertingSampleCursor ? cursor : new AssertingSampleCursor(cursor);
    }

    @Override
    public int next() {
        int k = in.next();
        if (kind == NONE && k != NONE) {
            throw new AssertionError("next() returned kind " + k + " after the cursor was exhausted");
        }
        return moved("next()", k, Long.MIN_VALUE);
    }

    @Override
    public int seek(long minTimestamp) {
        long before = hasLast && kind != NONE ? last : Long.MIN_VALUE;
        int k = in.seek(minTimestamp);
        if (kind == NONE && k != NONE) {
            throw new AssertionError("seek(" + minTimestamp + ") returned kind " + k + " after the cursor was exhausted");
        }
        moved("seek(" + minTimestamp + ")", k, minTimestamp);
        if (k != NONE && before >= minTimestamp && last != before) {
            throw new AssertionError("seek(" + minTimestamp + ") moved from " + before
                    + ", which already satisfied it, to " + last);
        }
        return k;
    }

    private int moved(String call, int k, long atLeast) {
        if (k != NONE && k != FLOAT && k != HISTOGRAM) {
            throw new AssertionError(call + " returned unknown kind " + k);
        }
        if (k != NONE) {
            long t = in.timestamp();
            if (t < atLeast) {
                throw new AssertionError(call + " landed on timestamp " + t + ", before its target");
            }
            if (hasLast && t < last) {
                throw new AssertionError(call + " moved backwards from " + last + " to " + t);
            }
            if (hasLast && t == last && call.startsWith("next")) {
                throw new AssertionError("next() repeated timestamp " + t);
            }
            last = t;
            hasLast = true;
        }
        kind = k;
        return k;
    }

    @Override
    public long timestamp() {
        if (kind == -1 || kind == NONE) {
            throw new AssertionError("timestamp() read while not positioned on a sample (last kind " + kind + ")");
        }
        return in.timestamp();
    }

    @Override
    public double value() {
        if (kind != FLOAT) {
            throw new AssertionError("value() read while the last move returned kind " + kind);
        }
        return in.value();
    }
}
