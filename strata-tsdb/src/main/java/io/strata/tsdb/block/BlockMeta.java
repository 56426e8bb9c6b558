package io.strata.tsdb.block;

import java.util.List;

/**
 * What {@code meta.json} says about a block. Time ranges are half-open, like Prometheus's:
 * the block holds samples with {@code minTime <= t < maxTime} (ms), so a 2h block cut by the head
 * is {@code [t, t + 2h)} and blocks of one compaction range tile it without overlap.
 *
 * @param id the block's {@link BlockId}, also its directory name
 * @param compactionLevel 1 for a block written from the head or an import, parents' max + 1 after
 *     compaction
 * @param sources ids of the level-1 blocks whose data this block holds (itself at level 1),
 *     sorted; start-up deletes a block whose sources another block covers (it was compacted and
 *     its deletion interrupted)
 * @param parents ids of the blocks directly merged into this one (empty at level 1)
 * @param indexBytes size of the index file, checked at open to detect truncation cheaply
 * @param chunksBytes size of the chunks file, checked likewise
 */
public record BlockMeta(
        String id,
        long minTime,
        long maxTime,
        long numSeries,
        long numChunks,
        long numSamples,
        int compactionLevel,
        List<String> sources,
        List<String> parents,
        long indexBytes,
        long chunksBytes) {
    public BlockMeta {
        sources = List.copyOf(sources);
        parents = List.copyOf(parents);
    }

    /** Whether the block may hold samples with {@code minT <= t <= maxT} (a closed query range). */
    public boolean overlaps(long minT, long maxT) {
        return minTime <= maxT && maxTime > minT;
    }

    /** Whether the two blocks' time ranges intersect. */
    public boolean overlaps(BlockMeta other) {
        return minTime < other.maxTime && other.minTime < maxTime;
    }
}
