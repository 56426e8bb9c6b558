package io.strata.bench.write;

import io.airlift.compress.v3.snappy.SnappyCompressor;
import io.strata.ingest.remotewrite.RemoteWriteEncoder;
import io.strata.testing.generate.NodeExporterDataset;
import java.util.Arrays;

/**
 * Turns a {@link BatchPlan.Batch} into a compressed remote-write body: values from the dataset,
 * protobuf from {@link RemoteWriteEncoder}, snappy block format (what remote write requires, not
 * the framed format). One per thread; its buffers are reused, so the returned request is valid
 * until the next call unless copied with {@link #copy}.
 */
final class BatchEncoder {
    private final SeriesCatalog catalog;
    private final NodeExporterDataset dataset;
    private final long firstTimestamp;
    private final long intervalMillis;
    private final RemoteWriteEncoder encoder;
    private final SnappyCompressor snappy = SnappyCompressor.create();
    private long[] timestamps = new long[16];
    private double[] values = new double[16];
    private byte[] compressed = new byte[64 * 1024];
    private long rawBytes;

    BatchEncoder(SeriesCatalog catalog, RemoteWriteEncoder.Version version, long firstTimestamp, long intervalMillis) {
        this.catalog = catalog;
        this.dataset = catalog.dataset();
        this.firstTimestamp = firstTimestamp;
        this.intervalMillis = intervalMillis;
        this.encoder = new RemoteWriteEncoder(version);
    }

    /** Encodes and compresses one batch into this encoder's buffer. */
    EncodedRequest encode(BatchPlan.Batch batch) {
        int steps = (int) (batch.stepTo() - batch.stepFrom());
        if (steps > timestamps.length) {
            timestamps = new long[steps];
            values = new double[steps];
        }
        for (int i = 0; i < steps; i++) {
            timestamps[i] = firstTimestamp + (batch.stepFrom() + i) * intervalMillis;
        }
        encoder.reset();
        for (int s = batch.seriesFrom(); s < batch.seriesTo(); s++) {
            for (int i = 0; i < steps; i++) {
                values[i] = dataset.value(s, timestamps[i]);
            }
            encoder.addSeries(catalog.labels(s), catalog.type(s), timestamps, values, 0, steps);
        }
        int length = encoder.finish();
        rawBytes += length;
        int max = snappy.maxCompressedLength(length);
        if (max > compressed.length) {
            compressed = new byte[Math.max(max, compressed.length * 2)];
        }
        int n = snappy.compress(encoder.array(), 0, length, compressed, 0, compressed.length);
        return new EncodedRequest(compressed, n, batch.samples(), timestamps[0]);
    }

    /** A request that owns its bytes, for keeping beyond the next {@link #encode}. */
    static EncodedRequest copy(EncodedRequest r) {
        return new EncodedRequest(Arrays.copyOf(r.body(), r.length()), r.length(), r.samples(), r.firstTimestamp());
    }

    /** Uncompressed protobuf bytes encoded so far, to report the compression ratio. */
    long rawBytes() {
        return rawBytes;
    }
}
