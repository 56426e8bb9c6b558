package io.strata.tsdb;

import io.strata.model.ErrorCode;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.storage.Querier;
import io.strata.tsdb.block.Block;
import io.strata.tsdb.block.BlockFiles;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open blocks of a TSDB, oldest first. The list is replaced copy-on-write, so queriers take
 * a consistent snapshot without a lock; changes are serialized by the TSDB's maintenance lock.
 */
final class TsdbBlocks implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TsdbBlocks.class);
    private static final Comparator<Block> BY_TIME =
            Comparator.comparingLong((Block b) -> b.meta().minTime()).thenComparing(b -> b.meta().id());

    private final Path dir;
    private final StorageFiles files;
    private volatile List<Block> blocks = List.of();

    TsdbBlocks(Path dir, StorageFiles files) {
        this.dir = dir;
        this.files = files;
    }

    /** Opens every block in the directory and removes directories a crashed write left behind. */
    void load() throws IOException {
        files.createDirectories(dir);
        List<Block> opened = new ArrayList<>();
        for (Path p : files.list(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(BlockFiles.TMP_SUFFIX)) {
                files.deleteRecursively(p);
                continue;
            }
            if (!files.exists(p.resolve(BlockFiles.META))) {
                continue;
            }
            opened.add(Block.open(p, files));
        }
        opened.sort(BY_TIME);
        blocks = List.copyOf(opened);
    }

    Path directory() {
        return dir;
    }

    List<Block> all() {
        return blocks;
    }

    void add(Block block) {
        List<Block> next = new ArrayList<>(blocks);
        next.add(block);
        next.sort(BY_TIME);
        blocks = List.copyOf(next);
    }

    /** Queriers of the blocks overlapping {@code [minTime, maxTime]}, newest block first. */
    List<Querier> queriers(long minTime, long maxTime) {
        List<Querier> out = new ArrayList<>();
        List<Block> snapshot = blocks;
        try {
            for (int i = snapshot.size() - 1; i >= 0; i--) {
                Block b = snapshot.get(i);
                if (b.meta().overlaps(minTime, maxTime)) {
                    out.add(b.querier(minTime, maxTime));
                }
            }
        } catch (StrataException e) {
            // A block closed by retention between the snapshot and the pin: the caller retries.
            for (Querier q : out) {
                q.close();
            }
            throw e;
        }
        return out;
    }

    /** Adds tombstones to every block overlapping the range. */
    void delete(List<Matcher> matchers, long minTime, long maxTime) {
        for (Block b : blocks) {
            if (b.meta().overlaps(minTime, maxTime)) {
                try {
                    b.addTombstones(matchers, minTime, maxTime);
                } catch (IOException e) {
                    throw new StrataException(ErrorCode.UNAVAILABLE, "cannot write tombstones of block "
                            + b.meta().id() + " in " + b.directory() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /**
     * Deletes blocks that end at or before {@code minTime}, then the oldest blocks while all of them
     * take more than {@code maxBytes} (0 for no limit). Returns how many were deleted.
     */
    int applyRetention(long minTime, long maxBytes) {
        List<Block> keep = new ArrayList<>(blocks);
        List<Block> drop = new ArrayList<>();
        keep.removeIf(b -> {
            if (b.meta().maxTime() <= minTime) {
                drop.add(b);
                return true;
            }
            return false;
        });
        if (maxBytes > 0) {
            long total = 0;
            for (Block b : keep) {
                total += b.sizeBytes();
            }
            while (total > maxBytes && keep.size() > 1) {
                Block oldest = keep.removeFirst();
                total -= oldest.sizeBytes();
                drop.add(oldest);
            }
        }
        if (drop.isEmpty()) {
            return 0;
        }
        blocks = List.copyOf(keep);
        for (Block b : drop) {
            b.close(); // readers keep their own references; the mapping goes with the last one
            try {
                files.deleteRecursively(b.directory());
            } catch (IOException e) {
                LOG.warn("cannot delete block {} past retention: {}", b.directory(), e.toString());
            }
        }
        return drop.size();
    }

    long sizeBytes() {
        long total = 0;
        for (Block b : blocks) {
            total += b.sizeBytes();
        }
        return total;
    }

    @Override
    public void close() {
        for (Block b : blocks) {
            b.close();
        }
        blocks = List.of();
    }
}
