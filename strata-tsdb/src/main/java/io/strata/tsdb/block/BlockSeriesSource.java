package io.strata.tsdb.block;

import io.strata.model.Labels;
import java.lang.foreign.MemorySegment;

/**
 * The series a {@link BlockWriter} writes: the head when it cuts a block, compaction when it
 * merges blocks, an import. Iterated once, by one thread.
 *
 * <p>Contract: series come in strictly ascending {@link Labels#compareTo} order (the writer assigns
 * ids in that order and rejects anything else); each series' chunks come in ascending time and do
 * not overlap ({@code chunkMinTime(i) > chunkMaxTime(i - 1)}); every sample lies in the block's
 * {@code [minTime, maxTime)}. A series with no chunks is skipped. Values returned for the current
 * series stay valid until the next {@link #next()}.
 */
public interface BlockSeriesSource {
    /** Moves to the next series; false when there is none. */
    boolean next();

    Labels labels();

    int chunkCount();

    /**
     * The encoded chunk {@code i}, as {@code ChunkAppender.finish()} produced it. The writer reads
     * its time range and sample count from its header and checks its CRC.
     */
    byte[] chunk(int i);

    /**
     * The same chunk as a segment. Sources that read mapped blocks override this to avoid a copy;
     * the writer only reads it.
     */
    default MemorySegment chunkSegment(int i) {
        return MemorySegment.ofArray(chunk(i));
    }
}
