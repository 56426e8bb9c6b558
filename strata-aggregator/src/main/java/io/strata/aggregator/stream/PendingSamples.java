package io.strata.aggregator.stream;

import java.util.Arrays;

/**
 * The samples an appender has sent to the raw store and will aggregate at commit. Pooled by the
 * {@link DownsamplingStorage}: a remote-write request carries thousands of samples, and growing
 * fresh arrays for each request cost more than the aggregation itself.
 */
final class PendingSamples {
    /** Buffers that grew past this are not pooled, so one huge request does not pin memory. */
    static final int MAX_POOLED = 1 << 16;

    SeriesTargets[] targets = new SeriesTargets[1024];
    SeriesEntry[] entries = new SeriesEntry[1024];
    long[] times = new long[1024];
    double[] values = new double[1024];
    int size;

    void add(SeriesEntry e, SeriesTargets t, long time, double value) {
        if (size == times.length) {
            int n = size * 2;
            targets = Arrays.copyOf(targets, n);
            entries = Arrays.copyOf(entries, n);
            times = Arrays.copyOf(times, n);
            values = Arrays.copyOf(values, n);
        }
        targets[size] = t;
        entries[size] = e;
        times[size] = time;
        values[size] = value;
        size++;
    }

    /** Empties the buffer, dropping its references so pooled buffers hold no series alive. */
    void clear() {
        Arrays.fill(targets, 0, size, null);
        Arrays.fill(entries, 0, size, null);
        size = 0;
    }
}
