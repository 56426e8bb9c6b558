package io.strata.tsdb.retention;

import io.strata.tsdb.block.Block;
import io.strata.tsdb.block.BlockSet;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Deletes whole blocks by age and by total size (retention never rewrites a block):
 *
 * <ul>
 *   <li>by time: a block goes when all of it is older than {@code now - maxAge}, i.e. its
 *       exclusive {@code maxTime <= now - maxAge};
 *   <li>by size: blocks are kept newest first while the running total (plus the bytes the caller
 *       counts besides, such as the head's WAL) fits in {@code maxBytes}; the first block that does
 *       not fit and every older one go, as in Prometheus.
 * </ul>
 *
 * Deleted blocks leave the set at once; queriers already holding them finish normally and the
 * files are removed when the last one closes. "Now" comes from an injected clock.
 */
public final class Retention {
    private final InstantSource clock;
    private final RetentionPolicy policy;

    public Retention(InstantSource clock, RetentionPolicy policy) {
        this.clock = clock;
        this.policy = policy;
    }

    /**
     * Deletes what the policy rejects from {@code set}.
     *
     * @param otherBytes bytes counted against {@code maxBytes} besides the blocks (WAL, head chunks)
     * @return the deleted blocks
     */
    public List<Block> apply(BlockSet set, long otherBytes) {
        List<Block> victims = select(set.blocks(), clock.millis(), otherBytes);
        if (!victims.isEmpty()) {
            set.delete(victims);
        }
        return victims;
    }

    /** The blocks the policy rejects, oldest first; deletes nothing. */
    public List<Block> select(List<Block> blocks, long nowMillis, long otherBytes) {
        Set<Block> out = new LinkedHashSet<>();
        List<Block> newestFirst = new ArrayList<>(blocks);
        newestFirst.sort(Comparator.comparingLong((Block b) -> b.meta().maxTime()).reversed());
        if (policy.maxAgeMillis() > 0) {
            long cutoff = nowMillis - policy.maxAgeMillis();
            for (Block b : newestFirst) {
                if (b.meta().maxTime() <= cutoff) {
                    out.add(b);
                }
            }
        }
        if (policy.maxBytes() > 0) {
            long total = otherBytes;
            boolean full = false;
            for (Block b : newestFirst) {
                total += b.sizeBytes();
                full |= total > policy.maxBytes();
                if (full) {
                    out.add(b);
                }
            }
        }
        List<Block> oldestFirst = new ArrayList<>(out);
        oldestFirst.sort(Comparator.comparingLong(b -> b.meta().maxTime()));
        return oldestFirst;
    }
}
