package io.strata.aggregator.stream;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import io.strata.storage.Storage;

/**
 * An appender of the {@link DownsamplingStorage}: samples go to the raw appender at once and are
 * remembered; at {@link #commit()}, after the raw commit made them durable, they are added to their
 * windows and the windows that closed are written. A rolled-back or failed batch is never
 * aggregated. Single-threaded, as every appender.
 */
final class DownsamplingAppender implements Appender {
    private final DownsamplingStorage storage;
    private final Appender raw;
    private final Storage inputStore;
    private Appender input; // opened on the first series kept out of raw
    private final AggregationSetup setup;
    private PendingSamples batch;
    /**
     * Windows to write at the end of the batch: those its samples close, and those of targets a
     * reload removed (rebuilt while appending), which are written even if the batch is not.
     */
    private final EmitBuffer windows;
    private long lastRef;

    DownsamplingAppender(DownsamplingStorage storage, Appender raw, Storage inputStore) {
        this.storage = storage;
        this.raw = raw;
        this.inputStore = inputStore;
        this.windows = new EmitBuffer(storage.metrics());
        this.setup = storage.setup();
    }

    @Override
    public AppendStatus append(long ref, Labels labels, long timestamp, double value) {
        if (setup.trivial()) {
            AppendStatus s = raw.append((ref & SeriesEntry.REF_BIT) == 0 ? ref : 0, labels, timestamp, value);
            lastRef = raw.lastRef();
            return s;
        }
        SeriesEntry e = storage.table().byRef(ref);
        if (e == null || !e.labels.equals(labels)) {
            e = storage.table().getOrCreate(labels);
        }
        return appendTo(e, timestamp, value);
    }

    @Override
    public AppendStatus appendByRef(long ref, long timestamp, double value) {
        if (setup.trivial()) {
            if ((ref & SeriesEntry.REF_BIT) != 0) {
                return AppendStatus.UNKNOWN_SERIES;
            }
            AppendStatus s = raw.appendByRef(ref, timestamp, value);
            lastRef = raw.lastRef();
            return s;
        }
        SeriesEntry e = storage.table().byRef(ref);
        return e == null ? AppendStatus.UNKNOWN_SERIES : appendTo(e, timestamp, value);
    }

    private AppendStatus appendTo(SeriesEntry e, long timestamp, double value) {
        SeriesTargets t = storage.targets(e, setup, windows);
        AppendStatus status = AppendStatus.OK;
        if (t.route().storeRaw()) {
            long rawRef = e.rawRef;
            status = rawRef == 0 ? AppendStatus.UNKNOWN_SERIES : raw.appendByRef(rawRef, timestamp, value);
            if (status == AppendStatus.UNKNOWN_SERIES) {
                status = raw.append(0, e.labels, timestamp, value);
            }
            if (status == AppendStatus.OK) {
                e.rawRef = raw.lastRef();
            }
        } else if (t.aggregates()) {
            status = appendInput(e, timestamp, value);
        }
        if (status == AppendStatus.OK) {
            lastRef = e.ref();
            if (t.aggregates()) {
                remember(e, t, timestamp, value);
            }
        }
        return status;
    }

    /** Makes a sample of a series kept out of raw durable for its windows. */
    private AppendStatus appendInput(SeriesEntry e, long timestamp, double value) {
        if (input == null) {
            input = inputStore.appender();
        }
        long ref = e.inputRef;
        AppendStatus status = ref == 0 ? AppendStatus.UNKNOWN_SERIES : input.appendByRef(ref, timestamp, value);
        if (status == AppendStatus.UNKNOWN_SERIES) {
            status = input.append(0, e.labels, timestamp, value);
        }
        if (status == AppendStatus.OK) {
            e.inputRef = input.lastRef();
        }
        return status;
    }

    private void remember(SeriesEntry e, SeriesTargets t, long timestamp, double value) {
        if (batch == null) {
            batch = storage.takePending();
        }
        batch.add(e, t, timestamp, value);
    }

    @Override
    public long lastRef() {
        return lastRef;
    }

    @Override
    public void updateMetadata(String metricFamily, MetricMetadata metadata) {
        raw.updateMetadata(metricFamily, metadata);
    }

    @Override
    public void commit() {
        try {
            raw.commit(); // throws before anything is aggregated when the batch is not durable
            if (input != null) {
                input.commit();
            }
        } catch (RuntimeException e) {
            release();
            windows.flush();
            throw e;
        }
        PendingSamples b = batch;
        if (b != null) {
            long wall = storage.clock().millis();
            for (int i = 0; i < b.size; i++) {
                SeriesEntry e = b.entries[i];
                if (e.lastWallMillis != wall) { // one store per series and millisecond, not per sample
                    e.lastWallMillis = wall;
                }
                storage.aggregate(b.targets[i], b.times[i], b.values[i], wall, windows);
            }
            release();
        }
        windows.flush();
    }

    @Override
    public void rollback() {
        release();
        windows.flush();
        raw.rollback();
        if (input != null) {
            input.rollback();
        }
    }

    private void release() {
        if (batch != null) {
            storage.returnPending(batch);
            batch = null;
        }
    }
}
