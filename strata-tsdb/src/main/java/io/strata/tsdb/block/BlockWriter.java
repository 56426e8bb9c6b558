package io.strata.tsdb.block;

import io.strata.encoding.CorruptChunkException;
import io.strata.encoding.chunk.Chunks;
import io.strata.model.Labels;
import io.strata.tsdb.fs.StorageFiles;
import io.strata.tsdb.index.Checksums;
import io.strata.tsdb.index.ChecksummedWriter;
import io.strata.tsdb.index.IndexWriter;
import io.strata.tsdb.index.MemoryLabelIndex;
import io.strata.tsdb.index.SegmentReader;
import io.strata.tsdb.index.SeriesSpill;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes a new immutable block (layout: {@code docs/format/block.md}) from a
 * {@link BlockSeriesSource}, crash-safely: everything goes into {@code <id>.tmp/}, each file is
 * fsynced, then the directory is renamed to {@code <id>} and the parent fsynced. A crash leaves
 * either no block or a complete one (plus a tmp directory that start-up removes).
 *
 * <p>Memory: chunks stream to disk and series metadata is spilled to a temporary file; the heap
 * holds the distinct label strings and the postings (as Roaring bitmaps) until the index is written.
 */
public final class BlockWriter {
    private BlockWriter() {}

    /**
     * Writes a level-1 block (from the head or an import) holding samples in {@code [minTime, maxTime)}.
     *
     * @param blocksDir the directory holding all blocks; the block becomes {@code blocksDir/<id>}
     * @param maxTime exclusive end: a 2h block starting at t has {@code maxTime = t + 2h}
     * @return the meta of the published block
     * @throws IllegalArgumentException when the source breaks its contract (order, time range)
     * @throws IOException when writing fails; nothing is published then
     */
    public static BlockMeta write(
            Path blocksDir, long minTime, long maxTime, BlockSeriesSource source, StorageFiles files) throws IOException {
        String id = BlockId.next();
        return write(blocksDir, id, minTime, maxTime, source, files, 1, List.of(id), List.of());
    }

    /**
     * Writes the result of merging {@code parents} (compaction): level is the parents' highest plus
     * one, sources the union of theirs.
     */
    public static BlockMeta writeCompacted(
            Path blocksDir, long minTime, long maxTime, BlockSeriesSource source, StorageFiles files, List<BlockMeta> parents)
            throws IOException {
        int level = 0;
        TreeSet<String> sources = new TreeSet<>();
        List<String> parentIds = new ArrayList<>();
        for (BlockMeta p : parents) {
            level = Math.max(level, p.compactionLevel());
            sources.addAll(p.sources());
            parentIds.add(p.id());
        }
        return write(blocksDir, BlockId.next(), minTime, maxTime, source, files, level + 1, List.copyOf(sources), parentIds);
    }

    private static BlockMeta write(
            Path blocksDir,
            String id,
            long minTime,
            long maxTime,
            BlockSeriesSource source,
            StorageFiles files,
            int level,
            List<String> sources,
            List<String> parents)
            throws IOException {
        if (minTime >= maxTime) {
            throw new IllegalArgumentException("block range [" + minTime + ", " + maxTime + ") is empty");
        }
        Path tmp = blocksDir.resolve(id + BlockFiles.TMP_SUFFIX);
        files.createDirectories(blocksDir);
        files.createDirectories(tmp);
        try {
            Path spillPath = tmp.resolve(BlockFiles.SERIES_SPILL);
            MemoryLabelIndex postings = new MemoryLabelIndex();
            Totals totals;
            long chunksBytes;
            try (ChecksummedWriter chunks = ChecksummedWriter.create(files, tmp.resolve(BlockFiles.CHUNKS));
                    SeriesSpill.Writer spill = new SeriesSpill.Writer(files, spillPath)) {
                Checksums.writeHeader(chunks, ChunksFormatV1.MAGIC, ChunksFormatV1.VERSION);
                totals = writeChunks(source, minTime, maxTime, chunks, spill, postings);
                chunksBytes = chunks.finish();
                spill.finish();
            }
            long indexBytes;
            try (SeriesSpill.Reader spill = new SeriesSpill.Reader(files, spillPath)) {
                indexBytes = IndexWriter.write(files, tmp.resolve(BlockFiles.INDEX), minTime, maxTime, postings, spill);
            }
            files.deleteRecursively(spillPath);
            TombstonesFile.write(files, tmp.resolve(BlockFiles.TOMBSTONES), Tombstones.NONE);
            BlockMeta meta = new BlockMeta(id, minTime, maxTime, totals.series, totals.chunks, totals.samples, level,
                    sources, parents, indexBytes, chunksBytes);
            BlockMetaFile.write(files, tmp.resolve(BlockFiles.META), meta);
            files.fsyncDirectory(tmp);
            files.rename(tmp, blocksDir.resolve(id));
            files.fsyncDirectory(blocksDir);
            return meta;
        } catch (IOException | RuntimeException | Error e) {
            try {
                files.deleteRecursively(tmp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static final class Totals {
        long series;
        long chunks;
        long samples;
    }

    private static Totals writeChunks(
            BlockSeriesSource source,
            long minTime,
            long maxTime,
            ChecksummedWriter chunks,
            SeriesSpill.Writer spill,
            MemoryLabelIndex postings)
            throws IOException {
        Totals totals = new Totals();
        Labels previous = null;
        int seriesId = 0;
        List<MemorySegment> kept = new ArrayList<>();
        while (source.next()) {
            Labels labels = source.labels();
            if (previous != null && previous.compareTo(labels) >= 0) {
                throw new IllegalArgumentException(
                        "series are not in strictly ascending label order: " + labels + " after " + previous);
            }
            previous = labels;
            kept.clear();
            long prevMax = Long.MIN_VALUE;
            for (int i = 0, n = source.chunkCount(); i < n; i++) {
                MemorySegment chunk = source.chunkSegment(i);
                checkChunk(chunk, labels, i);
                if (Chunks.numSamples(chunk) == 0) {
                    continue;
                }
                long min = Chunks.minTime(chunk);
                long max = Chunks.maxTime(chunk);
                if (min < minTime || max >= maxTime || min <= prevMax) {
                    throw new IllegalArgumentException("chunk " + i + " of " + labels + " spans [" + min + ", " + max
                            + "]: chunks must be ordered, not overlap, and lie in the block's [" + minTime + ", "
                            + maxTime + ")");
                }
                prevMax = max;
                kept.add(chunk);
            }
            if (kept.isEmpty()) {
                continue;
            }
            spill.beginSeries(labels, chunks.position(), kept.size());
            for (MemorySegment chunk : kept) {
                chunks.writeBytes(chunk);
                spill.chunk(Chunks.minTime(chunk), Chunks.maxTime(chunk), (int) chunk.byteSize());
                totals.samples += Chunks.numSamples(chunk);
            }
            postings.add(labels, seriesId++);
            totals.chunks += kept.size();
            totals.series++;
        }
        return totals;
    }

    /** Rejects bytes that are not one whole chunk with a valid checksum, before they are persisted. */
    private static void checkChunk(MemorySegment chunk, Labels labels, int i) {
        int length;
        try {
            length = Chunks.length(chunk);
        } catch (CorruptChunkException e) {
            throw new IllegalArgumentException("chunk " + i + " of " + labels + " is not a valid chunk: " + e.getMessage(), e);
        }
        if (length != chunk.byteSize()) {
            throw new IllegalArgumentException("chunk " + i + " of " + labels + " has " + chunk.byteSize()
                    + " bytes but its header says " + length);
        }
        long crcOffset = length - ChunksFormatV1.CHUNK_CRC_BYTES;
        if (chunk.get(SegmentReader.INT_LE, crcOffset) != Checksums.crc32c(chunk, 0, crcOffset)) {
            throw new IllegalArgumentException("chunk " + i + " of " + labels + " fails its CRC32C");
        }
    }
}
