package io.strata.tsdb.compact;

import io.strata.tsdb.block.BlockMeta;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Chooses which blocks to merge next, Prometheus-style. In order of preference:
 *
 * <ol>
 *   <li>Blocks whose time ranges overlap (out-of-order or imported data written as new blocks):
 *       merged "vertically" into one block covering their union.
 *   <li>Blocks that fit in one aligned range of the next size up (ranges grow exponentially, e.g.
 *       2h, 6h, 18h, ..., up to a maximum that is a fraction of retention), when they fill that
 *       range or lie wholly before the newest block started (so no further block will join them).
 *   <li>A block with deletes on more than 5% of its series, rewritten alone to drop the data.
 * </ol>
 *
 * <pre>
 *  6h ranges: |-----------------|-----------------|---
 *  blocks:    [2h][2h][2h]       [2h][2h]            → the first three fill their range: merge
 * </pre>
 */
public final class CompactionPlanner {
    /** Share of tombstoned series that makes rewriting a block worth it (Prometheus uses 5% too). */
    private static final int TOMBSTONE_PERCENT = 5;

    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    private final List<Long> ranges;

    /**
     * @param ranges block durations in ms, ascending, each a multiple of the previous; the first is
     *     the duration of blocks cut from the head
     */
    public CompactionPlanner(List<Long> ranges) {
        if (ranges.isEmpty()) {
            throw new IllegalArgumentException("compaction needs at least one range");
        }
        for (int i = 1; i < ranges.size(); i++) {
            if (ranges.get(i) <= ranges.get(i - 1) || ranges.get(i) % ranges.get(i - 1) != 0) {
                throw new IllegalArgumentException(
                        "compaction ranges must grow by whole multiples, got " + ranges.get(i - 1) + " then " + ranges.get(i));
            }
        }
        this.ranges = List.copyOf(ranges);
    }

    /** {@code blockDuration} times 3, 9, 27, ... while it stays within {@code maxBlockDuration}. */
    public static List<Long> exponentialRanges(long blockDuration, long maxBlockDuration) {
        List<Long> out = new ArrayList<>();
        for (long r = blockDuration; r <= Math.max(blockDuration, maxBlockDuration); r *= 3) {
            out.add(r);
        }
        return out;
    }

    /**
     * Default ranges for 2h blocks: compacted blocks grow to at most a tenth of retention (so
     * retention can drop data in steps of 10%) and never past 31 days.
     */
    public static List<Long> defaultRanges(long retentionMillis) {
        long max = Math.min(retentionMillis / 10, 31 * DAY);
        return exponentialRanges(2 * HOUR, max);
    }

    public List<Long> ranges() {
        return ranges;
    }

    /**
     * The blocks to merge next, sorted by time; empty when there is nothing worth doing.
     *
     * @param tombstonedSeries number of series with deletes in a block
     */
    public List<BlockMeta> plan(List<BlockMeta> metas, ToIntFunction<BlockMeta> tombstonedSeries) {
        return plan(metas, tombstonedSeries, false);
    }

    /**
     * {@link #plan}, and with {@code force} also blocks sharing an aligned range of the next size
     * up before that range is complete: what an operator asks for before measuring or backing up
     * the store (as VictoriaMetrics's force merge), at the cost of merging such a range again when
     * later blocks join it.
     */
    public List<BlockMeta> plan(List<BlockMeta> metas, ToIntFunction<BlockMeta> tombstonedSeries, boolean force) {
        List<BlockMeta> sorted = new ArrayList<>(metas);
        sorted.sort(Comparator.comparingLong(BlockMeta::minTime).thenComparing(BlockMeta::id));
        List<BlockMeta> overlapping = firstOverlappingGroup(sorted);
        if (!overlapping.isEmpty()) {
            return overlapping;
        }
        long newestStart = Long.MIN_VALUE;
        for (BlockMeta m : sorted) {
            newestStart = Math.max(newestStart, m.minTime());
        }
        for (int r = 1; r < ranges.size(); r++) {
            long range = ranges.get(r);
            for (List<BlockMeta> bucket : splitByRange(sorted, range)) {
                if (bucket.size() < 2) {
                    continue;
                }
                long min = bucket.getFirst().minTime();
                long max = Long.MIN_VALUE;
                for (BlockMeta m : bucket) {
                    max = Math.max(max, m.maxTime());
                }
                if (force || max - min == range || max <= newestStart) {
                    return bucket;
                }
            }
        }
        for (BlockMeta m : sorted) {
            int deleted = tombstonedSeries.applyAsInt(m);
            if (deleted > 0 && (long) deleted * 100 > m.numSeries() * TOMBSTONE_PERCENT) {
                return List.of(m);
            }
        }
        return List.of();
    }

    /** The first run of at least two blocks whose ranges overlap one another transitively. */
    private static List<BlockMeta> firstOverlappingGroup(List<BlockMeta> sorted) {
        List<BlockMeta> group = new ArrayList<>();
        long groupEnd = Long.MIN_VALUE;
        for (BlockMeta m : sorted) {
            if (!group.isEmpty() && m.minTime() < groupEnd) {
                group.add(m);
                groupEnd = Math.max(groupEnd, m.maxTime());
                continue;
            }
            if (group.size() > 1) {
                return group;
            }
            group.clear();
            group.add(m);
            groupEnd = m.maxTime();
        }
        return group.size() > 1 ? group : List.of();
    }

    /** Blocks lying wholly inside one aligned {@code [t, t + range)}, grouped by range, in time order. */
    private static List<List<BlockMeta>> splitByRange(List<BlockMeta> sorted, long range) {
        List<List<BlockMeta>> out = new ArrayList<>();
        List<BlockMeta> current = null;
        long currentStart = Long.MIN_VALUE;
        for (BlockMeta m : sorted) {
            long start = Math.floorDiv(m.minTime(), range) * range;
            if (m.maxTime() > start + range) {
                continue; // larger than this range, or straddling its boundary
            }
            if (current == null || start != currentStart) {
                current = new ArrayList<>();
                out.add(current);
                currentStart = start;
            }
            current.add(m);
        }
        return out;
    }
}
