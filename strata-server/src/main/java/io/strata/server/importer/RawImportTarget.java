package io.strata.server.importer;

import io.strata.model.Labels;
import io.strata.tsdb.fs.StorageFiles;
import io.strata.tsdb.history.HistoryBlockWriter;
import java.io.IOException;
import java.nio.file.Path;

/** Writes imported samples into the raw namespace's blocks ({@code <dataDir>/blocks}) through a {@link HistoryBlockWriter}. */
public final class RawImportTarget implements ImportTarget {
    /** The TSDB's blocks directory under its data directory. */
    public static final String BLOCKS_DIR = "blocks";

    private final HistoryBlockWriter writer;

    public RawImportTarget(Path dataDir, long blockDurationMillis, long maxBufferedSamples, StorageFiles files) {
        this.writer = new HistoryBlockWriter(dataDir.resolve(BLOCKS_DIR), blockDurationMillis, maxBufferedSamples, files);
    }

    @Override
    public void accept(Labels labels, long[] timestamps, double[] values, int n) throws IOException {
        writer.add(labels, timestamps, values, n);
    }

    @Override
    public void close() throws IOException {
        writer.close();
    }

    @Override
    public void abort() throws IOException {
        writer.abort();
    }

    /** Oldest timestamp written; {@code Long.MAX_VALUE} when nothing was. */
    public long minTime() {
        return writer.minTime();
    }

    @Override
    public String summary() {
        return writer.samplesWritten() + " samples in " + writer.blocksWritten() + " blocks, "
                + writer.duplicatesDropped() + " duplicates dropped";
    }
}
