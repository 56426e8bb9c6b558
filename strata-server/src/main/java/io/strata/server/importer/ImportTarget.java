package io.strata.server.importer;

import io.strata.model.Labels;
import java.io.IOException;

/**
 * Where {@code strata import} writes what its sources read. Today the raw namespace's blocks
 * ({@link RawImportTarget}); routing through namespaces and rules plugs in here. Used by one
 * thread.
 */
public interface ImportTarget {
    /**
     * Takes one piece of one series: {@code n >= 1} samples with ascending timestamps. The arrays
     * belong to the caller and are reused after return.
     *
     * @throws IOException when storing fails; the import stops and {@link #abort()} is called
     */
    void accept(Labels labels, long[] timestamps, double[] values, int n) throws IOException;

    /** Makes everything accepted durable and visible to the TSDB that opens the data directory next. */
    void close() throws IOException;

    /** Discards what is not yet published, after a failure; nothing of this import becomes visible. */
    void abort() throws IOException;

    /** A one-line account of what was written, for the summary: blocks, duplicates dropped. */
    String summary();
}
