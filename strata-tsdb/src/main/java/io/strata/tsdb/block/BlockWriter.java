package io.strata.tsdb.block;

import io.strata.model.Labels;
import io.strata.tsdb.fs.StorageFiles;
import io.strata.tsdb.index.Checksums;
import io.strata.tsdb.index.ChecksummedWriter;
import io.strata.tsdb.index.IndexWriter;
import io.strata.tsdb.index.MemoryLabelIndex;
import io.strata.tsdb.index.SeriesSpill;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.CRC32C;

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
        ByteBuffer crcBytes = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        Labels previous = null;
        int seriesId = 0;
        while (source.next()) {
            Labels labels = source.labels();
            if (previous != null && previous.compareTo(labels) >= 0) {
                throw new IllegalArgumentException(
                        "series are not in strictly ascending label order: " + labels + " after " + previous);
            }
            previous = labels;
            int n = source.chunkCount();
            if (n == 0) {
                continue;
            }
            spill.beginSeries(labels, chunks.position(), n);
            long prevMax = Long.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long min = source.chunkMinTime(i);
                long max = source.chunkMaxTime(i);
                if (min > max || min < minTime || max >= maxTime || (i > 0 && min <= prevMax)) {
                    throw new IllegalArgumentException("chunk " + i + " of " + labels + " spans [" + min + ", " + max
                            + "]: chunks must be ordered, not overlap, and lie in the block's [" + minTime + ", "
                            + maxTime + ")");
                }
                prevMax = max;
                MemorySegment chunk = source.chunkSegment(i);
                crc.reset();
                crc.update(chunk.asByteBuffer());
                chunks.writeBytes(chunk);
                crcBytes.clear();
                crcBytes.putInt(0, (int) crc.getValue());
                chunks.writeBytes(crcBytes);
                long recordLength = chunk.byteSize() + ChunksFormatV1.RECORD_CRC_BYTES;
                if (recordLength > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("chunk " + i + " of " + labels + " has " + chunk.byteSize()
                            + " bytes; chunks are small by design");
                }
                spill.chunk(min, max, (int) recordLength);
                totals.samples += source.chunkNumSamples(i);
            }
            postings.add(labels, seriesId++);
            totals.chunks += n;
            totals.series++;
        }
        return totals;
    }
}
