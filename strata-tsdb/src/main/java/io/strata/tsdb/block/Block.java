package io.strata.tsdb.block;

import io.strata.encoding.chunk.Chunks;
import io.strata.model.ErrorCode;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.storage.Querier;
import io.strata.storage.Queryable;
import io.strata.tsdb.fs.StorageFiles;
import io.strata.tsdb.index.CorruptFileException;
import io.strata.tsdb.index.IndexReader;
import io.strata.tsdb.index.PostingsSelector;
import io.strata.tsdb.index.SeriesDecoder;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An open, immutable block: its meta, its index and chunks mapped into one shared arena, and its
 * tombstones. Layout: {@code docs/format/block.md}.
 *
 * <p>Lifetime: the block holds one reference to its arena and every {@link #querier} or
 * {@link #reader()} one more; the files are unmapped when the last is released, so closing a block
 * that queries still read is safe. Thread-safe.
 *
 * <p>Open checks cheaply: meta checksum, file sizes, headers, the index's CRC32C and table of
 * contents. Chunk checksums are checked as chunks are read; {@link #verify()} checks everything.
 */
public final class Block implements Queryable, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Block.class);

    private final Path dir;
    private final StorageFiles files;
    private final BlockMeta meta;
    private final RefCountedArena arena;
    private final IndexReader index;
    private final ChunksReader chunks;
    private final Object tombstonesLock = new Object();
    private volatile Tombstones tombstones;
    private volatile long sizeBytes;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Block(Path dir, StorageFiles files, BlockMeta meta, RefCountedArena arena, IndexReader index,
            ChunksReader chunks, Tombstones tombstones, long sizeBytes) {
        this.dir = dir;
        this.files = files;
        this.meta = meta;
        this.arena = arena;
        this.index = index;
        this.chunks = chunks;
        this.tombstones = tombstones;
        this.sizeBytes = sizeBytes;
    }

    /**
     * Opens the block in {@code dir}.
     *
     * @throws CorruptFileException when a file is damaged, truncated, or disagrees with the meta
     * @throws IOException when a file cannot be read
     */
    public static Block open(Path dir, StorageFiles files) throws IOException {
        Path metaPath = dir.resolve(BlockFiles.META);
        BlockMeta meta = BlockMetaFile.read(files, metaPath);
        if (!dir.getFileName().toString().equals(meta.id())) {
            throw new CorruptFileException(metaPath, -1, "meta.json names block " + meta.id() + " but the directory is "
                    + dir.getFileName());
        }
        RefCountedArena arena = new RefCountedArena();
        try {
            Path indexPath = dir.resolve(BlockFiles.INDEX);
            MemorySegment indexSegment = map(files, indexPath, meta.indexBytes(), arena);
            IndexReader index = IndexReader.open(indexSegment, indexPath);
            if (index.minTime() != meta.minTime() || index.maxTime() != meta.maxTime()
                    || index.seriesCount() != meta.numSeries()) {
                throw new CorruptFileException(indexPath, -1, "index covers [" + index.minTime() + ", " + index.maxTime()
                        + ") with " + index.seriesCount() + " series, meta.json says [" + meta.minTime() + ", "
                        + meta.maxTime() + ") with " + meta.numSeries());
            }
            Path chunksPath = dir.resolve(BlockFiles.CHUNKS);
            ChunksReader chunks = new ChunksReader(map(files, chunksPath, meta.chunksBytes(), arena), chunksPath);
            Tombstones tombstones = TombstonesFile.read(files, dir.resolve(BlockFiles.TOMBSTONES));
            return new Block(dir, files, meta, arena, index, chunks, tombstones, measure(files, dir));
        } catch (IOException | RuntimeException e) {
            arena.release();
            throw e;
        }
    }

    private static MemorySegment map(StorageFiles files, Path path, long expectedSize, RefCountedArena arena)
            throws IOException {
        if (!files.exists(path)) {
            throw new CorruptFileException(path, -1, "block file is missing");
        }
        long size = files.size(path);
        if (size != expectedSize) {
            throw new CorruptFileException(path, Math.min(size, expectedSize), "file has " + size
                    + " bytes, meta.json says " + expectedSize + " (truncated or replaced)");
        }
        return files.mapReadOnly(path, size, arena.arena());
    }

    private static long measure(StorageFiles files, Path dir) throws IOException {
        long total = 0;
        for (String name : List.of(BlockFiles.META, BlockFiles.INDEX, BlockFiles.CHUNKS, BlockFiles.TOMBSTONES)) {
            Path p = dir.resolve(name);
            if (files.exists(p)) {
                total += files.size(p);
            }
        }
        return total;
    }

    public BlockMeta meta() {
        return meta;
    }

    public Path directory() {
        return dir;
    }

    /** The label index; valid while the block, or a querier or reader of it, is open. */
    public IndexReader index() {
        return index;
    }

    ChunksReader chunks() {
        return chunks;
    }

    RefCountedArena arena() {
        return arena;
    }

    /** The current tombstones (a snapshot). */
    public Tombstones tombstones() {
        return tombstones;
    }

    /** Bytes of the block's files on disk. */
    public long sizeBytes() {
        return sizeBytes;
    }

    /**
     * Pins the block and returns a view of it for bulk reading (compaction).
     *
     * @throws StrataException {@link ErrorCode#UNAVAILABLE} when the block was closed meanwhile
     */
    public BlockReader reader() {
        if (!arena.tryAcquire()) {
            throw new StrataException(ErrorCode.UNAVAILABLE, "block " + meta.id() + " was closed (compacted or "
                    + "deleted by retention); retry the query");
        }
        return new BlockReader(this, tombstones);
    }

    /** A querier over samples with {@code minTime <= t <= maxTime}; pins the block until closed. */
    @Override
    public Querier querier(long minTime, long maxTime) {
        return new BlockQuerier(reader(), minTime, maxTime);
    }

    /**
     * Deletes {@code [minTime, maxTime]} (inclusive, ms) of every series matching {@code matchers}:
     * the ranges are recorded in the tombstones file (rewritten atomically) and hidden from queriers
     * opened afterwards; compaction drops the samples.
     */
    public void addTombstones(List<Matcher> matchers, long minTime, long maxTime) throws IOException {
        synchronized (tombstonesLock) {
            try (BlockReader pinned = reader()) {
                ImmutableRoaringBitmap ids = PostingsSelector.select(pinned.index(), matchers);
                if (ids.isEmpty() || maxTime < meta.minTime() || minTime >= meta.maxTime()) {
                    return;
                }
                Tombstones next = tombstones.with(ids, minTime, maxTime);
                TombstonesFile.replace(files, dir, next);
                tombstones = next;
                sizeBytes = measure(files, dir);
            }
        }
    }

    /**
     * Checks every byte: the index's and chunks file's CRC32C, and each chunk (its checksum, its
     * samples, and that its time range matches the index and the block).
     *
     * @throws CorruptFileException naming the file and offset of the first problem
     */
    public void verify() {
        try (BlockReader pinned = reader()) {
            index.verify();
            chunks.verify();
            SeriesDecoder series = index.seriesDecoder();
            for (int id = 0; id < index.seriesCount(); id++) {
                series.seek(id);
                for (int c = 0; c < series.chunkCount(); c++) {
                    long offset = series.chunkOffset(c);
                    MemorySegment chunk = chunks.chunk(offset, series.chunkLength(c));
                    try {
                        Chunks.verify(chunk);
                    } catch (StrataException e) {
                        throw new CorruptFileException(chunks.file(), offset, e.getMessage(), e);
                    }
                    if (Chunks.minTime(chunk) != series.chunkMinTime(c) || Chunks.maxTime(chunk) != series.chunkMaxTime(c)
                            || series.chunkMinTime(c) < meta.minTime() || series.chunkMaxTime(c) >= meta.maxTime()) {
                        throw new CorruptFileException(chunks.file(), offset, "chunk spans [" + Chunks.minTime(chunk)
                                + ", " + Chunks.maxTime(chunk) + "], the index says [" + series.chunkMinTime(c) + ", "
                                + series.chunkMaxTime(c) + "] in block [" + meta.minTime() + ", " + meta.maxTime() + ")");
                    }
                }
            }
        }
    }

    /** Releases the block's own reference; the files are unmapped once queriers release theirs. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            arena.release();
        }
    }

    /**
     * Closes the block and deletes its directory once the last reader is gone: renamed aside first
     * (so a crash mid-way leaves a directory start-up removes), then removed.
     */
    void closeAndDelete() {
        arena.afterClose(() -> deleteDirectory(files, dir));
        close();
    }

    /** Deletes a block directory that nothing has open, crash-safely; failures are logged, not thrown. */
    static void deleteDirectory(StorageFiles files, Path dir) {
        Path aside = dir.resolveSibling(dir.getFileName() + BlockFiles.DELETING_SUFFIX);
        try {
            files.rename(dir, aside);
            files.fsyncDirectory(dir.getParent());
            files.deleteRecursively(aside);
        } catch (IOException e) {
            // Start-up retries: a .deleting directory, or a block whose sources another covers, is removed then.
            LOG.warn("could not delete block directory {}: {}", dir, e.toString());
        }
    }

    @Override
    public String toString() {
        return "Block[" + meta.id() + " [" + meta.minTime() + ", " + meta.maxTime() + ") level "
                + meta.compactionLevel() + "]";
    }
}
