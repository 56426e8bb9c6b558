package io.strata.tsdb.compact;

import io.strata.tsdb.block.Block;
import io.strata.tsdb.block.BlockMeta;
import io.strata.tsdb.block.BlockReader;
import io.strata.tsdb.block.BlockSet;
import io.strata.tsdb.block.BlockWriter;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Merges blocks of a {@link BlockSet} as its {@link CompactionPlanner} decides, applying their
 * tombstones. Crash-safe by construction: the merged block is written completely (tmp directory,
 * fsync, atomic rename) before anything is deleted, and it lists its parents' sources, so if the
 * process dies before the parents are gone, {@link BlockSet#open} deletes them at the next start.
 *
 * <p>Not thread-safe: run one compaction at a time per block set (a single background worker).
 * Queries may run meanwhile; parents stay readable until their last querier closes.
 */
public final class Compactor {
    private static final Logger LOG = LoggerFactory.getLogger(Compactor.class);
    /** A bound on the work of one {@link #compact} call, so a bug in planning cannot loop forever. */
    private static final int MAX_STEPS = 1000;

    private final StorageFiles files;
    private final CompactionPlanner planner;

    public Compactor(StorageFiles files, CompactionPlanner planner) {
        this.files = files;
        this.planner = planner;
    }

    public CompactionPlanner planner() {
        return planner;
    }

    /**
     * Plans and runs one merge, then reloads the set (which drops the parents).
     *
     * @return the new block's meta, or empty when the planner found nothing to do
     */
    public Optional<BlockMeta> compactOnce(BlockSet set) throws IOException {
        return compactOnce(set, false);
    }

    /** {@link #compactOnce}, merging unfinished ranges too when {@code force} (see {@link CompactionPlanner#plan}). */
    public Optional<BlockMeta> compactOnce(BlockSet set, boolean force) throws IOException {
        List<Block> blocks = set.blocks();
        Map<String, Block> byId = new HashMap<>();
        List<BlockMeta> metas = new ArrayList<>();
        for (Block b : blocks) {
            byId.put(b.meta().id(), b);
            metas.add(b.meta());
        }
        List<BlockMeta> plan = planner.plan(metas, m -> byId.get(m.id()).tombstones().seriesCount(), force);
        if (plan.isEmpty()) {
            return Optional.empty();
        }
        List<Block> chosen = new ArrayList<>();
        for (BlockMeta m : plan) {
            chosen.add(byId.get(m.id()));
        }
        BlockMeta merged = merge(set.directory(), chosen);
        set.reload();
        return Optional.of(merged);
    }

    /** Runs {@link #compactOnce} until there is nothing left to do; returns the number of merges. */
    public int compact(BlockSet set) throws IOException {
        return compact(set, false);
    }

    /** {@link #compact}, merging unfinished ranges too when {@code force}. */
    public int compact(BlockSet set, boolean force) throws IOException {
        for (int steps = 0; steps < MAX_STEPS; steps++) {
            if (compactOnce(set, force).isEmpty()) {
                return steps;
            }
        }
        throw new IllegalStateException("BUG: compaction did not settle after " + MAX_STEPS + " merges");
    }

    /**
     * Writes one block holding the data of {@code blocks} (time-sorted; on equal timestamps the
     * earlier block wins) minus their deleted samples, into {@code blocksDir}. Deletes nothing:
     * the caller reloads its block set, which drops the parents.
     */
    public BlockMeta merge(Path blocksDir, List<Block> blocks) throws IOException {
        List<BlockReader> readers = new ArrayList<>();
        try {
            long minTime = Long.MAX_VALUE;
            long maxTime = Long.MIN_VALUE;
            List<BlockMeta> parents = new ArrayList<>();
            for (Block b : blocks) {
                readers.add(b.reader());
                parents.add(b.meta());
                minTime = Math.min(minTime, b.meta().minTime());
                maxTime = Math.max(maxTime, b.meta().maxTime());
            }
            long started = System.nanoTime();
            CompactionSource source = new CompactionSource(readers);
            BlockMeta meta = BlockWriter.writeCompacted(blocksDir, minTime, maxTime, source, files, parents);
            LOG.info("compacted {} blocks into {} [{}, {}) level {}: {} series ({} re-encoded), {} samples in {} ms",
                    blocks.size(), meta.id(), minTime, maxTime, meta.compactionLevel(), meta.numSeries(),
                    source.reencodedSeries(), meta.numSamples(), (System.nanoTime() - started) / 1_000_000);
            return meta;
        } finally {
            readers.forEach(BlockReader::close);
        }
    }
}
