package io.strata.storage.merge;

import io.strata.storage.SampleCursor;

/** A cursor over parallel arrays, for tests. */
final class ArrayCursor implements SampleCursor {
    private final long[] ts;
    private final double[] values;
    private int i = -1;

    ArrayCursor(long[] ts, double[] values) {
        this.ts = ts;
        this.values = values;
    }

    @Override
    public int next() {
        if (i < ts.length) {
            i++;
        }
        return i < ts.length ? FLOAT : NONE;
    }

    @Override
    public int seek(long minTimestamp) {
        if (i < 0) {
            i = 0;
        }
        while (i < ts.length && ts[i] < minTimestamp) {
            i++;
        }
        return i < ts.length ? FLOAT : NONE;
    }

    @Override
    public long timestamp() {
        return ts[i];
    }

    @Override
    public double value() {
        return values[i];
    }
}
