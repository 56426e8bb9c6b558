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

    /** The encoded chunk {@code i} (self-describing, as produced by the encoding's ChunkAppender). */
    byte[] chunk(int i);

    /**
     * The same chunk as a segment. Sources that read mapped blocks override this to avoid a copy;
     * the writer only reads it.
     */
    default MemorySegment chunkSegment(int i) {
        return MemorySegment.ofArray(chunk(i));
    }

    /** Timestamp (ms) of the first sample of chunk {@code i}. */
    long chunkMinTime(int i);

    /** Timestamp (ms) of the last sample of chunk {@code i}. */
    long chunkMaxTime(int i);

    /** Number of samples in chunk {@code i}. */
    int chunkNumSamples(int i);
}
