package io.strata.ingest.remotewrite;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ObjLongConsumer;

/**
 * Totals since start-up of what remote write stored and refused, for {@code /metrics}. Counts of
 * {@link RejectionReason.Scope#REQUEST} reasons are requests; all others are samples (see
 * {@link RejectionReason}). Thread-safe; updates are {@link LongAdder}s, cheap under contention.
 */
public final class RejectionCounters {
    private final Map<RejectionReason, LongAdder> rejected = new EnumMap<>(RejectionReason.class);
    private final LongAdder samplesAccepted = new LongAdder();
    private final LongAdder exemplarsIgnored = new LongAdder();
    private final LongAdder metadataUpdates = new LongAdder();
    private final LongAdder requests = new LongAdder();

    public RejectionCounters() {
        for (RejectionReason r : RejectionReason.values()) {
            rejected.put(r, new LongAdder());
        }
    }

    /** Rejections for {@code reason} since start-up. */
    public long get(RejectionReason reason) {
        return rejected.get(reason).sum();
    }

    /** Calls {@code consumer} once per reason, in declaration order, zero counts included. */
    public void forEach(ObjLongConsumer<RejectionReason> consumer) {
        for (RejectionReason r : RejectionReason.values()) {
            consumer.accept(r, rejected.get(r).sum());
        }
    }

    /** Float samples stored. */
    public long samplesAccepted() {
        return samplesAccepted.sum();
    }

    /**
     * Exemplars received and dropped: Strata has no exemplar storage yet, so they are counted and
     * ignored without failing the request (as Prometheus does when its exemplar storage is off).
     */
    public long exemplarsIgnored() {
        return exemplarsIgnored.sum();
    }

    /** Metadata entries (type, help, unit of a metric family) handed to storage. */
    public long metadataUpdates() {
        return metadataUpdates.sum();
    }

    /** Remote-write requests handled, whatever their outcome. */
    public long requests() {
        return requests.sum();
    }

    public void recordRejected(RejectionReason reason, long count) {
        rejected.get(reason).add(count);
    }

    public void recordAccepted(long samples) {
        samplesAccepted.add(samples);
    }

    void recordExemplarsIgnored(long count) {
        exemplarsIgnored.add(count);
    }

    void recordMetadataUpdates(long count) {
        metadataUpdates.add(count);
    }

    void recordRequest() {
        requests.increment();
    }
}
