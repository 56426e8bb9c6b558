package io.strata.tsdb.head;

import io.strata.model.Labels;
import java.lang.foreign.MemorySegment;

/**
 * What one series contributes to a block cut: its closed chunks before the boundary (refs, min
 * times and views of their bytes) and copies of its out-of-order samples and tombstones.
 */
record CutPart(
        HeadSeries series,
        Labels labels,
        long[] chunkRefs,
        long[] chunkMinTimes,
        MemorySegment[] chunks,
        OutOfOrderBuffer outOfOrder,
        long[] tombstones) {}
