package io.strata.tsdb.block;

import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.Queryable;
import io.strata.storage.merge.MergeQuerier;
import io.strata.tsdb.fs.StorageFiles;
import io.strata.tsdb.index.CorruptFileException;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open blocks of one blocks directory. Opening repairs what a crash can leave behind:
 * directories of blocks being written ({@code .tmp}) or deleted ({@code .deleting}) are removed,
 * and a block whose sources are all covered by another block (compaction wrote the merged block,
 * then died before deleting its parents) is deleted. {@link #reload()} applies the same rules after
 * compaction or a new block from the head; {@link #delete} serves retention.
 *
 * <p>Blocks leave the set at once but are unmapped and deleted only when the last querier holding
 * them closes. Thread-safe: changes are serialised by a lock, which {@link #querier} also takes
 * briefly to pin a consistent set of blocks.
 */
public final class BlockSet implements Queryable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BlockSet.class);
    private static final Comparator<Block> BY_TIME =
            Comparator.comparingLong((Block b) -> b.meta().minTime()).thenComparing(b -> b.meta().id());

    private final Path dir;
    private final StorageFiles files;
    private final Object lock = new Object();
    /** Sorted by minTime, then id; replaced whole under {@link #lock}. */
    private volatile List<Block> blocks = List.of();
    private boolean closed;

    private BlockSet(Path dir, StorageFiles files) {
        this.dir = dir;
        this.files = files;
    }

    /**
     * Opens every block under {@code dir} (created when missing), after removing leftovers of
     * interrupted writes, deletions and compactions.
     *
     * @throws CorruptFileException when a block is damaged; move that block's directory away to
     *     start without it
     */
    public static BlockSet open(Path dir, StorageFiles files) throws IOException {
        BlockSet set = new BlockSet(dir, files);
        files.createDirectories(dir);
        set.removeLeftovers();
        set.reload();
        return set;
    }

    public Path directory() {
        return dir;
    }

    /** The open blocks, sorted by minTime then id; a snapshot. */
    public List<Block> blocks() {
        return blocks;
    }

    /** Total bytes of the open blocks' files. */
    public long sizeBytes() {
        long total = 0;
        for (Block b : blocks) {
            total += b.sizeBytes();
        }
        return total;
    }

    /**
     * A querier over every block overlapping {@code [minTime, maxTime]}, merged: series with the
     * same labels in several blocks become one, equal timestamps are deduplicated in favour of the
     * block that sorts first (earlier minTime, then older id). The blocks stay mapped until it closes.
     */
    @Override
    public Querier querier(long minTime, long maxTime) {
        List<Querier> parts = new ArrayList<>();
        synchronized (lock) {
            checkOpen();
            try {
                for (Block b : blocks) {
                    if (b.meta().overlaps(minTime, maxTime)) {
                        parts.add(b.querier(minTime, maxTime));
                    }
                }
            } catch (RuntimeException e) {
                parts.forEach(Querier::close);
                throw e;
            }
        }
        return MergeQuerier.of(parts);
    }

    /**
     * Rescans the directory: opens blocks that appeared, drops blocks that are superseded by a
     * compacted block or vanished. Temporary directories are left alone here: at run time a
     * {@code .tmp} directory is a block being written by a concurrent cut or compaction, and a
     * {@code .deleting} one is removed by the block's last release; only start-up removes them.
     */
    public void reload() throws IOException {
        synchronized (lock) {
            checkOpen();
            Map<String, BlockMeta> metas = scan();
            Set<String> superseded = superseded(metas.values());
            Map<String, Block> current = new HashMap<>();
            for (Block b : blocks) {
                current.put(b.meta().id(), b);
            }
            List<Block> next = new ArrayList<>();
            List<Block> opened = new ArrayList<>();
            try {
                for (BlockMeta meta : metas.values()) {
                    if (superseded.contains(meta.id())) {
                        continue;
                    }
                    Block b = current.get(meta.id());
                    if (b == null) {
                        b = Block.open(dir.resolve(meta.id()), files);
                        opened.add(b);
                    }
                    next.add(b);
                }
            } catch (IOException | RuntimeException e) {
                opened.forEach(Block::close);
                throw e;
            }
            next.sort(BY_TIME);
            Set<String> kept = new HashSet<>();
            next.forEach(b -> kept.add(b.meta().id()));
            for (Block b : blocks) {
                if (!kept.contains(b.meta().id())) {
                    if (superseded.contains(b.meta().id())) {
                        LOG.info("block {} is covered by a compacted block; deleting it", b.meta().id());
                        b.closeAndDelete();
                    } else {
                        b.close();
                    }
                }
            }
            for (String id : superseded) {
                if (!current.containsKey(id)) {
                    LOG.info("block {} is covered by a compacted block (interrupted compaction); deleting it", id);
                    Block.deleteDirectory(files, dir.resolve(id));
                }
            }
            blocks = List.copyOf(next);
        }
    }

    /**
     * Removes {@code victims} from the set and deletes them once no querier holds them (retention).
     * Blocks not in the set are ignored.
     */
    public void delete(Collection<Block> victims) {
        synchronized (lock) {
            checkOpen();
            List<Block> next = new ArrayList<>(blocks);
            for (Block v : victims) {
                if (next.remove(v)) {
                    LOG.info("deleting block {} [{}, {})", v.meta().id(), v.meta().minTime(), v.meta().maxTime());
                    v.closeAndDelete();
                }
            }
            blocks = List.copyOf(next);
        }
    }

    /**
     * Deletes {@code [minTime, maxTime]} (inclusive) of the series matching {@code matchers} in
     * every block overlapping that range, through each block's tombstones; queriers opened later do
     * not see the samples, and compaction removes them from disk.
     */
    public void addTombstones(List<Matcher> matchers, long minTime, long maxTime) throws IOException {
        synchronized (lock) {
            checkOpen();
            for (Block b : blocks) {
                if (b.meta().overlaps(minTime, maxTime)) {
                    b.addTombstones(matchers, minTime, maxTime);
                }
            }
        }
    }

    /** At start-up, removes the directories of writes and deletes a previous process left unfinished. */
    private void removeLeftovers() throws IOException {
        for (Path p : files.list(dir)) {
            String name = p.getFileName().toString();
            if (name.endsWith(BlockFiles.TMP_SUFFIX) || name.endsWith(BlockFiles.DELETING_SUFFIX)) {
                LOG.info("removing leftover directory {} of an interrupted write or delete", p);
                files.deleteRecursively(p);
            }
        }
    }

    /** Reads the metas of the block directories. */
    private Map<String, BlockMeta> scan() throws IOException {
        Map<String, BlockMeta> metas = new HashMap<>();
        for (Path p : files.list(dir)) {
            String name = p.getFileName().toString();
            if (!BlockId.isValid(name)) {
                continue; // not ours: leave it alone
            }
            try {
                metas.put(name, BlockMetaFile.read(files, p.resolve(BlockFiles.META)));
            } catch (NoSuchFileException e) {
                // Listed, then renamed to .deleting by its last reader's release: it is going away.
                if (files.exists(p)) {
                    throw e; // the directory is there but its meta is not: a damaged block, say so
                }
            }
        }
        return metas;
    }

    /**
     * Ids of blocks whose sources are all among another block's sources: that block holds their
     * data (a compaction finished writing it). Between two blocks with the same sources the newer
     * id wins.
     */
    static Set<String> superseded(Collection<BlockMeta> metas) {
        Set<String> out = new HashSet<>();
        for (BlockMeta x : metas) {
            Set<String> xs = Set.copyOf(x.sources());
            for (BlockMeta y : metas) {
                if (x == y || y.sources().size() < xs.size() || !Set.copyOf(y.sources()).containsAll(xs)) {
                    continue;
                }
                if (y.sources().size() > xs.size() || y.id().compareTo(x.id()) > 0) {
                    out.add(x.id());
                    break;
                }
            }
        }
        return out;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("BUG: block set used after close");
        }
    }

    /** Closes every block; queriers still open keep theirs mapped until they close. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            for (Block b : blocks) {
                b.close();
            }
            blocks = List.of();
        }
    }
}
