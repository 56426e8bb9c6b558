package io.strata.tsdb.block;

import io.strata.model.Labels;
import io.strata.storage.SampleCursor;
import io.strata.storage.Series;

/**
 * One series of a block as a querier returns it: labels plus the chunks that overlap the query
 * range (their metadata copied, so the object stays valid until the querier closes, not just until
 * the next series).
 */
final class BlockSeries implements Series {
    private final Labels labels;
    final ChunksReader chunks;
    final long[] chunkOffsets;
    final int[] chunkLengths;
    final long[] chunkMinTimes;
    final long[] chunkMaxTimes;
    final long minTime;
    final long maxTime;
    final long[] deleted;

    BlockSeries(Labels labels, ChunksReader chunks, long[] chunkOffsets, int[] chunkLengths, long[] chunkMinTimes,
            long[] chunkMaxTimes, long minTime, long maxTime, long[] deleted) {
        this.labels = labels;
        this.chunks = chunks;
        this.chunkOffsets = chunkOffsets;
        this.chunkLengths = chunkLengths;
        this.chunkMinTimes = chunkMinTimes;
        this.chunkMaxTimes = chunkMaxTimes;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.deleted = deleted;
    }

    @Override
    public Labels labels() {
        return labels;
    }

    @Override
    public SampleCursor cursor(SampleCursor reuse) {
        BlockSampleCursor cursor = reuse instanceof BlockSampleCursor c ? c : new BlockSampleCursor();
        return cursor.reset(this);
    }

    @Override
    public String toString() {
        return labels.toString();
    }
}
