package io.strata.tsdb.block;

import io.strata.storage.SampleCursor;
import io.strata.tsdb.index.IndexReader;
import io.strata.tsdb.index.SeriesDecoder;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A pinned view of a block: while it is open, the block's files stay mapped even if the block is
 * closed or deleted meanwhile. Holds the tombstones as they were when it was opened. Close it
 * exactly when done; closing twice is harmless. Used by queriers and by compaction.
 */
public final class BlockReader implements AutoCloseable {
    private final Block block;
    private final Tombstones tombstones;
    private final AtomicBoolean closed = new AtomicBoolean();

    BlockReader(Block block, Tombstones tombstones) {
        this.block = block;
        this.tombstones = tombstones;
    }

    public BlockMeta meta() {
        return block.meta();
    }

    public IndexReader index() {
        return block.index();
    }

    public ChunksReader chunks() {
        return block.chunks();
    }

    public Tombstones tombstones() {
        return tombstones;
    }

    /**
     * A cursor over every sample of the series {@code decoder} (from {@link #index()}) is on,
     * without the samples this reader's tombstones delete; {@code reuse} is recycled when it came
     * from here. Compaction reads series this way when it must re-encode them.
     */
    public SampleCursor cursor(SeriesDecoder decoder, SampleCursor reuse) {
        int n = decoder.chunkCount();
        long[] offsets = new long[n];
        int[] lengths = new int[n];
        long[] mins = new long[n];
        long[] maxs = new long[n];
        for (int i = 0; i < n; i++) {
            offsets[i] = decoder.chunkOffset(i);
            lengths[i] = decoder.chunkLength(i);
            mins[i] = decoder.chunkMinTime(i);
            maxs[i] = decoder.chunkMaxTime(i);
        }
        BlockSeries series = new BlockSeries(null, block.chunks(), offsets, lengths, mins, maxs, Long.MIN_VALUE,
                Long.MAX_VALUE, tombstones.intervals(decoder.id()));
        return series.cursor(reuse);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            block.arena().release();
        }
    }
}
