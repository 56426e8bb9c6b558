package io.strata.tsdb.head;

import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;

/**
 * The samples of one head series in {@code [mint, maxt]} as captured under its lock: views of its
 * closed chunks followed by a view of its open chunk's stream (non-overlapping, ascending; the
 * open view may be null), and copies of out-of-order samples and tombstones. Readers
 * iterate it after the lock is released; the views stay valid while they are referenced
 * (see {@link HeadChunkFiles}).
 */
record SeriesSnapshot(
        MemorySegment[] chunks,
        OpenChunk.OpenStream open,
        OutOfOrderBuffer outOfOrder,
        long[] tombstones,
        long mint,
        long maxt) {

    /** A cursor over the snapshot; {@code reuse} is recycled when it is a {@link HeadSeriesCursor}. */
    SampleCursor cursor(SampleCursor reuse) {
        HeadSeriesCursor c = reuse instanceof HeadSeriesCursor h ? h : new HeadSeriesCursor();
        return c.reset(this);
    }

}
