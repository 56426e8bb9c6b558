package io.strata.ingest.importer;

import io.strata.model.Labels;
import java.io.IOException;

/** Receives what an {@link ImportSource} reads. */
public interface ImportSink {
    /**
     * One piece of one series: {@code count >= 1} samples with strictly ascending timestamps
     * (milliseconds). A series may arrive in many pieces, in any order, and pieces may overlap.
     * The arrays belong to the source and may be overwritten once this returns: copy what you keep.
     *
     * @throws IOException when storing fails; the source passes it on from {@link ImportSource#next}
     */
    void accept(Labels labels, long[] timestamps, double[] values, int count) throws IOException;
}
