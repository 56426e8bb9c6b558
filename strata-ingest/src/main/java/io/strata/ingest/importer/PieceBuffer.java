package io.strata.ingest.importer;

import io.strata.model.Labels;
import java.io.IOException;

/**
 * Gathers consecutive samples of one series into a piece for an {@link ImportSink}. A piece is
 * handed over when the series changes, when a timestamp does not follow the previous one (the sink
 * wants ascending pieces; the block writer merges them again), or when the arrays are full, so
 * memory stays bounded by the capacity. Not thread-safe.
 */
final class PieceBuffer {
    private final long[] timestamps;
    private final double[] values;
    private Labels labels;
    private int size;

    PieceBuffer(int capacity) {
        timestamps = new long[capacity];
        values = new double[capacity];
    }

    /** The series of the samples being gathered; null before the first sample and after a flush. */
    Labels labels() {
        return labels;
    }

    /** Adds a sample of {@code series}, first handing over the current piece when it must end. */
    void add(Labels series, long timestamp, double value, ImportSink sink) throws IOException {
        if (size > 0 && (size == timestamps.length || timestamp <= timestamps[size - 1] || !series.equals(labels))) {
            flush(sink);
        }
        labels = series;
        timestamps[size] = timestamp;
        values[size] = value;
        size++;
    }

    /** Hands over the current piece, if any. */
    void flush(ImportSink sink) throws IOException {
        if (size > 0) {
            sink.accept(labels, timestamps, values, size);
        }
        size = 0;
        labels = null;
    }
}
