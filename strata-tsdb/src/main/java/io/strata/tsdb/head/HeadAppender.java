package io.strata.tsdb.head;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.StrataException;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A batch of samples for the head (Prometheus's {@code headAppender}).
 *
 * <p>{@link #append} finds the series (by the caller's cached ref, else by labels, creating it),
 * judges the sample against what the series holds and against this batch's earlier samples of
 * the same series, and stores it in primitive arrays: no allocation per sample. {@link #commit}
 * writes the batch to the {@link HeadLog} (new series first, then samples), and only when that
 * succeeded applies it to the series and so makes it visible.
 *
 * <p>Within a batch, samples are judged against earlier samples of the same series only while
 * they come one series at a time (as remote write and scrapes send them); a series that comes
 * back later in the batch is judged against committed data only, and a conflict is then settled
 * at commit.
 *
 * <p>Series touched by the batch are pinned (not removed by a head cleanup) until commit or
 * rollback. A sample that was accepted by {@code append} can still lose at commit to a sample
 * of the same series and timestamp that another appender committed in between; such samples are
 * counted in {@link HeadMetrics#rejectedAtCommit()} (Prometheus behaves the same).
 */
public final class HeadAppender implements Appender {
    private final Head head;
    private final long minValidTime;
    private final long maxValidTime;
    private final long window;
    /** Taken from the head's pool at construction, returned at commit or rollback. */
    private CommitBatch batch;
    private HeadSeries current;
    /** Newest timestamp of {@link #current} in this batch, and its value. */
    private long pendingMax;
    private double pendingMaxValue;
    private long lastRef;
    private List<CommitBatch.MetadataUpdate> metadata;
    private boolean done;

    HeadAppender(Head head) {
        this.head = head;
        long now = head.options.clock().millis();
        this.minValidTime = now - head.retentionMillis();
        this.maxValidTime = now + head.options.maxFutureSkewMillis();
        this.window = head.options.outOfOrderWindowMillis();
        this.batch = head.takeBatch();
    }

    @Override
    public AppendStatus append(long ref, Labels labels, long timestamp, double value) {
        if (done) {
            throw new IllegalStateException("BUG: append after commit or rollback");
        }
        if (timestamp < minValidTime) {
            return reject(AppendStatus.TOO_OLD);
        }
        if (timestamp > maxValidTime) {
            return reject(AppendStatus.TOO_FAR_IN_FUTURE);
        }
        HeadSeries s = current;
        if (s == null || (ref != 0 ? head.externalRef(s.ref) != ref : !head.symbols.matches(s.symbols, labels))) {
            s = resolve(ref, labels);
            if (s == null) {
                return reject(AppendStatus.SERIES_LIMIT);
            }
        }
        return judgeAndAdd(s, timestamp, value);
    }

    /**
     * The labels-free path: one lock-free lookup in the ref pages (no label hashing or comparison),
     * then the same judgement as {@link #append}. A removed series cannot be pinned, so its ref is
     * unknown from then on even if a cleanup races with this call.
     */
    @Override
    public AppendStatus appendByRef(long ref, long timestamp, double value) {
        if (done) {
            throw new IllegalStateException("BUG: append after commit or rollback");
        }
        HeadSeries s = current;
        if (s == null || head.externalRef(s.ref) != ref) {
            s = head.byExternalRef(ref);
            if (s == null || !s.tryPin()) {
                return AppendStatus.UNKNOWN_SERIES;
            }
            makeCurrent(s);
        }
        if (timestamp < minValidTime) {
            return reject(AppendStatus.TOO_OLD);
        }
        if (timestamp > maxValidTime) {
            return reject(AppendStatus.TOO_FAR_IN_FUTURE);
        }
        return judgeAndAdd(s, timestamp, value);
    }

    /** Judges a sample of {@link #current} against the batch and the series, and adds it if accepted. */
    private AppendStatus judgeAndAdd(HeadSeries s, long timestamp, double value) {
        if (timestamp <= pendingMax) {
            // Judge against this batch's own newer samples of the series first.
            if (timestamp == pendingMax) {
                return sameBits(value, pendingMaxValue) ? ok(s) : reject(AppendStatus.DUPLICATE);
            }
            if (pendingMax - timestamp > window) {
                return reject(AppendStatus.OUT_OF_ORDER);
            }
        }
        // The common case, a sample newer than anything stored, needs no lock: commit re-checks.
        if (timestamp <= s.maxTimeRacy()) {
            int verdict;
            synchronized (s) {
                verdict = s.checkLocked(timestamp, value, window, head.chunks);
            }
            switch (verdict) {
                case HeadSeries.ACCEPT -> {}
                case HeadSeries.ALREADY_STORED -> {
                    return ok(s);
                }
                case HeadSeries.OUT_OF_ORDER -> {
                    return reject(AppendStatus.OUT_OF_ORDER);
                }
                case HeadSeries.DUPLICATE -> {
                    return reject(AppendStatus.DUPLICATE);
                }
                default -> throw new IllegalStateException("BUG: verdict " + verdict);
            }
        }
        add(s, timestamp, value);
        if (timestamp > pendingMax) {
            pendingMax = timestamp;
            pendingMaxValue = value;
        }
        return ok(s);
    }

    /**
     * Finds or creates the series and makes it {@link #current}, pinned. A ref carrying this head's
     * tag is trusted (refs are never reused within a head); any other ref is ignored in favour of
     * the labels. Null at the series limit.
     */
    private HeadSeries resolve(long ref, Labels labels) {
        HeadSeries s = ref != 0 ? head.byExternalRef(ref) : null;
        while (true) {
            if (s == null) {
                s = head.getOrCreate(labels);
                if (s == null) {
                    return null;
                }
            }
            if (s.tryPin()) {
                break;
            }
            // A cleanup is removing it: once it is gone, the labels create it anew.
            s = null;
            Thread.onSpinWait();
        }
        makeCurrent(s);
        return s;
    }

    /** Records the pinned series {@code s} for unpinning at commit and makes it {@link #current}. */
    private void makeCurrent(HeadSeries s) {
        CommitBatch b = batch;
        if (b.pinnedCount == b.pinned.length) {
            b.pinned = Arrays.copyOf(b.pinned, b.pinnedCount * 2);
        }
        b.pinned[b.pinnedCount++] = s;
        current = s;
        pendingMax = Long.MIN_VALUE;
    }

    private void add(HeadSeries s, long t, double v) {
        CommitBatch b = batch;
        int n = b.sampleCount;
        if (n == b.refs.length) {
            int cap = n * 2;
            b.refs = Arrays.copyOf(b.refs, cap);
            b.timestamps = Arrays.copyOf(b.timestamps, cap);
            b.values = Arrays.copyOf(b.values, cap);
            b.sampleSeries = Arrays.copyOf(b.sampleSeries, cap);
        }
        b.refs[n] = s.ref;
        b.timestamps[n] = t;
        b.values[n] = v;
        b.sampleSeries[n] = s;
        b.sampleCount = n + 1;
        if (!s.walLogged && (b.newSeriesCount == 0 || b.newSeries[b.newSeriesCount - 1] != s)) {
            if (b.newSeriesCount == b.newSeries.length) {
                b.newSeries = Arrays.copyOf(b.newSeries, b.newSeriesCount * 2);
            }
            b.newSeries[b.newSeriesCount++] = s;
        }
    }

    private AppendStatus ok(HeadSeries s) {
        lastRef = head.externalRef(s.ref);
        return AppendStatus.OK;
    }

    private AppendStatus reject(AppendStatus status) {
        head.metrics.reject(status);
        return status;
    }

    @Override
    public long lastRef() {
        return lastRef;
    }

    @Override
    public void updateMetadata(String metricFamily, MetricMetadata m) {
        if (metadata == null) {
            metadata = new ArrayList<>();
        }
        metadata.add(new CommitBatch.MetadataUpdate(metricFamily, m));
    }

    @Override
    public void commit() {
        if (done) {
            throw new IllegalStateException("BUG: commit after commit or rollback");
        }
        done = true;
        CommitBatch b = batch;
        b.metadata = metadata == null ? List.of() : metadata;
        try {
            if (b.isEmpty()) {
                unpinAll();
                return;
            }
            head.lockCommit();
            try {
                try {
                    head.log.write(b);
                } catch (StrataException | IllegalStateException e) {
                    head.metrics.failedCommits.increment();
                    unpinAll();
                    throw e;
                }
                for (int i = 0; i < b.newSeriesCount; i++) {
                    b.newSeries[i].walLogged = true;
                }
                apply(b);
                head.applyMetadata(b.metadata);
            } finally {
                head.unlockCommit();
            }
            head.metrics.commits.increment();
        } finally {
            release();
        }
    }

    /** Applies the logged samples run by run, each run under its series' lock, and unpins. */
    private void apply(CommitBatch b) {
        int n = b.sampleCount;
        long accepted = 0;
        long lost = 0;
        long newest = Long.MIN_VALUE;
        int i = 0;
        int runIndex = 0;
        while (i < n) {
            HeadSeries s = b.sampleSeries[i];
            int end = i;
            synchronized (s) {
                while (end < n && b.sampleSeries[end] == s) {
                    int verdict = s.appendLocked(b.timestamps[end], b.values[end], window, head.chunks, head.shape);
                    if (verdict == HeadSeries.ACCEPT) {
                        accepted++;
                        newest = Math.max(newest, b.timestamps[end]);
                        head.indexOnFirstSample(s);
                    } else if (verdict != HeadSeries.ALREADY_STORED) {
                        lost++;
                    }
                    end++;
                }
            }
            i = end;
        }
        for (; runIndex < b.pinnedCount; runIndex++) {
            b.pinned[runIndex].unpin();
        }
        head.noteMaxTime(newest);
        head.metrics.samplesAppended.add(accepted);
        if (lost > 0) {
            head.metrics.rejectedAtCommit.add(lost);
        }
    }

    @Override
    public void rollback() {
        if (done) {
            return;
        }
        done = true;
        unpinAll();
        release();
    }

    private void unpinAll() {
        for (int i = 0; i < batch.pinnedCount; i++) {
            batch.pinned[i].unpin();
        }
    }

    /** Hands the batch back to the head's pool; the appender is done with it. */
    private void release() {
        CommitBatch b = batch;
        batch = null;
        head.returnBatch(b);
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }
}
