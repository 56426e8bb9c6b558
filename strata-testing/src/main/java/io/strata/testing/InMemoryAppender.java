package io.strata.testing;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import io.strata.testing.InMemoryStorage.PendingSample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The appender of {@link InMemoryStorage}. Statuses are decided at {@code append} against what is
 * committed plus what this batch appended before, so a batch that repeats a timestamp with another
 * value sees {@code DUPLICATE} just as it would across batches.
 */
final class InMemoryAppender implements Appender {
    private final InMemoryStorage storage;
    private final List<PendingSample> pending = new ArrayList<>();
    private final Map<MemSeries, TreeMap<Long, Double>> pendingBySeries = new HashMap<>();
    private final Map<String, MetricMetadata> metadata = new LinkedHashMap<>();
    private long lastRef;
    private boolean done;

    InMemoryAppender(InMemoryStorage storage) {
        this.storage = storage;
    }

    @Override
    public AppendStatus append(long ref, Labels labels, long timestamp, double value) {
        checkNotDone();
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("BUG: append with empty labels; ingest must validate labels first");
        }
        storage.writeLock();
        try {
            MemSeries series = storage.getOrCreate(ref, labels);
            AppendStatus status = check(series, timestamp, value);
            if (status.ok()) {
                lastRef = series.ref;
                pending.add(new PendingSample(series, timestamp, value));
                pendingBySeries.computeIfAbsent(series, s -> new TreeMap<>()).putIfAbsent(timestamp, value);
            }
            return status;
        } finally {
            storage.lock().writeLock().unlock();
        }
    }

    private AppendStatus check(MemSeries series, long t, double v) {
        TreeMap<Long, Double> batch = pendingBySeries.get(series);
        Double existing = null;
        int committedIndex = series.indexOf(t);
        if (committedIndex >= 0) {
            existing = series.valueAt(committedIndex);
        } else if (batch != null) {
            existing = batch.get(t);
        }
        if (existing != null) {
            boolean same = Double.doubleToRawLongBits(existing) == Double.doubleToRawLongBits(v);
            return same ? AppendStatus.OK : AppendStatus.DUPLICATE;
        }
        long newest = series.newestTimestamp();
        if (batch != null) {
            newest = Math.max(newest, batch.lastKey());
        }
        if (newest != Long.MIN_VALUE && t < newest && newest - t > storage.outOfOrderWindowMillis()) {
            return AppendStatus.OUT_OF_ORDER;
        }
        return AppendStatus.OK;
    }

    @Override
    public long lastRef() {
        return lastRef;
    }

    @Override
    public void updateMetadata(String metricFamily, MetricMetadata metadata) {
        checkNotDone();
        this.metadata.put(metricFamily, metadata);
    }

    @Override
    public void commit() {
        checkNotDone();
        done = true;
        storage.commit(pending, metadata);
    }

    @Override
    public void rollback() {
        checkNotDone();
        done = true;
        pending.clear();
    }

    private void checkNotDone() {
        if (done) {
            throw new IllegalStateException("BUG: appender used after commit() or rollback()");
        }
    }
}
