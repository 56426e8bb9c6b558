package io.strata.aggregator.stream;

import io.strata.storage.AppendStatus;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the streaming aggregator, exported by the server on {@code /metrics}. */
public final class AggregatorMetrics {
    /** Input samples added to at least one window. */
    public final LongAdder samplesAggregated = new LongAdder();
    /** Input samples whose window had been written already (later than the lateness allows). */
    public final LongAdder samplesTooLate = new LongAdder();
    /** Windows written to their namespace. */
    public final LongAdder windowsWritten = new LongAdder();
    /** Commits of windows that failed (the namespace's WAL could not be written). */
    public final LongAdder windowCommitFailures = new LongAdder();
    private final Map<AppendStatus, LongAdder> rejected = new EnumMap<>(AppendStatus.class);

    public AggregatorMetrics() {
        for (AppendStatus s : AppendStatus.values()) {
            rejected.put(s, new LongAdder());
        }
    }

    void windowRejected(AppendStatus status) {
        rejected.get(status).increment();
    }

    /** Windows the namespace refused, by reason (a window written twice shows as a duplicate). */
    public long windowsRejected(AppendStatus status) {
        return rejected.get(status).sum();
    }
}
