package io.strata.tsdb.block;

import io.strata.tsdb.index.IndexReader;
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

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            block.arena().release();
        }
    }
}
