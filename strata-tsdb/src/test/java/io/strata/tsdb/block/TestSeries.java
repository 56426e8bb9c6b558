package io.strata.tsdb.block;

import io.strata.model.Labels;
import io.strata.storage.SampleCursor;
import java.util.Arrays;

/** A series held in arrays: what tests write into blocks and compare query results with. */
public record TestSeries(Labels labels, long[] timestamps, double[] values) {
    public int size() {
        return timestamps.length;
    }

    /** The samples with {@code minT <= t <= maxT}. */
    public TestSeries range(long minT, long maxT) {
        int from = 0;
        while (from < timestamps.length && timestamps[from] < minT) {
            from++;
        }
        int to = from;
        while (to < timestamps.length && timestamps[to] <= maxT) {
            to++;
        }
        return new TestSeries(labels, Arrays.copyOfRange(timestamps, from, to), Arrays.copyOfRange(values, from, to));
    }

    /** The samples outside {@code [minT, maxT]}. */
    public TestSeries without(long minT, long maxT) {
        int n = 0;
        long[] ts = new long[timestamps.length];
        double[] vs = new double[timestamps.length];
        for (int i = 0; i < timestamps.length; i++) {
            if (timestamps[i] < minT || timestamps[i] > maxT) {
                ts[n] = timestamps[i];
                vs[n++] = values[i];
            }
        }
        return new TestSeries(labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
    }

    /** Reads a cursor to its end. */
    public static TestSeries drain(Labels labels, SampleCursor cursor) {
        long[] ts = new long[16];
        double[] vs = new double[16];
        int n = 0;
        while (cursor.next() == SampleCursor.FLOAT) {
            if (n == ts.length) {
                ts = Arrays.copyOf(ts, n * 2);
                vs = Arrays.copyOf(vs, n * 2);
            }
            ts[n] = cursor.timestamp();
            vs[n++] = cursor.value();
        }
        return new TestSeries(labels, Arrays.copyOf(ts, n), Arrays.copyOf(vs, n));
    }

    /** Equality with values compared bit for bit (NaNs and stale markers included). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TestSeries s) || !labels.equals(s.labels) || !Arrays.equals(timestamps, s.timestamps)
                || values.length != s.values.length) {
            return false;
        }
        for (int i = 0; i < values.length; i++) {
            if (Double.doubleToRawLongBits(values[i]) != Double.doubleToRawLongBits(s.values[i])) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return labels.hashCode() * 31 + Arrays.hashCode(timestamps);
    }

    @Override
    public String toString() {
        return labels + " " + timestamps.length + " samples " + Arrays.toString(Arrays.copyOf(timestamps,
                Math.min(8, timestamps.length)));
    }
}
