package io.strata.tsdb.head;

import io.strata.storage.AppendStatus;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the head, updated on hot paths (hence {@link LongAdder}), read by the TSDB's metrics. */
public final class HeadMetrics {
    final LongAdder samplesAppended = new LongAdder();
    final LongAdder seriesCreated = new LongAdder();
    final LongAdder seriesRemoved = new LongAdder();
    final LongAdder commits = new LongAdder();
    final LongAdder failedCommits = new LongAdder();
    /** Samples that passed {@code append} but lost at commit to a concurrent appender's sample. */
    final LongAdder rejectedAtCommit = new LongAdder();
    private final LongAdder[] rejected = new LongAdder[AppendStatus.values().length];

    HeadMetrics() {
        for (int i = 0; i < rejected.length; i++) {
            rejected[i] = new LongAdder();
        }
    }

    void reject(AppendStatus status) {
        rejected[status.ordinal()].increment();
    }

    public long samplesAppended() {
        return samplesAppended.sum();
    }

    public long seriesCreated() {
        return seriesCreated.sum();
    }

    public long seriesRemoved() {
        return seriesRemoved.sum();
    }

    public long commits() {
        return commits.sum();
    }

    public long failedCommits() {
        return failedCommits.sum();
    }

    public long rejectedAtCommit() {
        return rejectedAtCommit.sum();
    }

    /** Samples rejected by {@code append} with {@code status} (never {@code OK}). */
    public long rejected(AppendStatus status) {
        return rejected[status.ordinal()].sum();
    }
}
