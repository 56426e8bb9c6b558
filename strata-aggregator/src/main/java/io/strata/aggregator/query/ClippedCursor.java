package io.strata.aggregator.query;

import io.strata.storage.SampleCursor;

/** A cursor that ends at {@code maxTime}: an aggregated series read past the query's range to find its newest window. */
final class ClippedCursor implements SampleCursor {
    private final SampleCursor in;
    private final long maxTime;

    ClippedCursor(SampleCursor in, long maxTime) {
        this.in = in;
        this.maxTime = maxTime;
    }

    @Override
    public int next() {
        int kind = in.next();
        return kind != NONE && in.timestamp() > maxTime ? NONE : kind;
    }

    @Override
    public int seek(long minTimestamp) {
        int kind = in.seek(minTimestamp);
        return kind != NONE && in.timestamp() > maxTime ? NONE : kind;
    }

    @Override
    public long timestamp() {
        return in.timestamp();
    }

    @Override
    public double value() {
        return in.value();
    }
}
