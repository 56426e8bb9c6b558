package io.strata.tsdb.history;

import io.strata.model.Labels;
import io.strata.tsdb.block.Block;
import io.strata.tsdb.block.BlockFiles;
import io.strata.tsdb.block.BlockId;
import io.strata.tsdb.block.BlockMeta;
import io.strata.tsdb.block.BlockSet;
import io.strata.tsdb.block.BlockWriter;
import io.strata.tsdb.compact.CompactionPlanner;
import io.strata.tsdb.compact.Compactor;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes historical samples straight into blocks, bypassing the head and its out-of-order window,
 * so history of any age can be imported (as Prometheus's {@code promtool tsdb create-blocks-from}).
 *
 * <pre>
 *  add(series piece) ─► buffers per series ──(over maxBufferedSamples)──► flush: one staged block
 *                                                                          per block-duration range
 *  close() ─► per range: the one staged block is moved into blocksDir, or several are merged into one
 *  abort() ─► the staging directory is deleted: nothing is published
 * </pre>
 *
 * <p>Series may come in any order and a series may come in many pieces that overlap in time: a
 * series' buffered pieces are sorted at flush, and equal timestamps keep the sample added first
 * ({@link #duplicatesDropped()} counts the others). Pieces of one series in different flushes end
 * up in different staged blocks, which {@link #close()} merges the way compaction merges
 * overlapping blocks (the earlier flush wins on equal timestamps).
 *
 * <p>Staged blocks live in {@code blocksDir/import-<id>.tmp/}; a {@code .tmp} directory is removed
 * when the TSDB next opens, so a killed import leaves nothing behind. Published blocks may overlap
 * blocks already in {@code blocksDir}: the TSDB merges overlapping blocks at query time and its
 * compaction folds them together.
 *
 * <p>Memory: about 16 bytes per buffered sample plus the series' labels. The caller must hold
 * the data directory's {@link io.strata.tsdb.DirectoryLock}. Not thread-safe.
 */
public final class HistoryBlockWriter implements AutoCloseable {
    /** 16 bytes a sample: about 64 MiB of buffered samples before a flush. */
    public static final long DEFAULT_MAX_BUFFERED_SAMPLES = 4_000_000L;

    private final Path blocksDir;
    private final Path staging;
    private final long blockMillis;
    private final long maxBufferedSamples;
    private final StorageFiles files;
    private final Map<Labels, SeriesBuffer> buffers = new HashMap<>();
    private long buffered;
    private boolean stagingCreated;
    private boolean closed;
    private long samplesWritten;
    private long duplicatesDropped;
    private int stagedBlocks;
    private int blocksWritten;
    private long minTime = Long.MAX_VALUE;
    private long maxTime = Long.MIN_VALUE;

    /**
     * @param blocksDir the TSDB's blocks directory ({@code <dataDir>/blocks}); created if absent
     * @param blockDurationMillis length of the aligned ranges blocks cover (the TSDB's block duration)
     * @param maxBufferedSamples samples held in memory before they are written to staged blocks
     */
    public HistoryBlockWriter(Path blocksDir, long blockDurationMillis, long maxBufferedSamples, StorageFiles files) {
        if (blockDurationMillis <= 0) {
            throw new IllegalArgumentException("block duration must be positive, got " + blockDurationMillis + " ms");
        }
        if (maxBufferedSamples <= 0) {
            throw new IllegalArgumentException("maxBufferedSamples must be positive, got " + maxBufferedSamples);
        }
        this.blocksDir = blocksDir;
        this.staging = blocksDir.resolve("import-" + BlockId.next() + BlockFiles.TMP_SUFFIX);
        this.blockMillis = blockDurationMillis;
        this.maxBufferedSamples = maxBufferedSamples;
        this.files = files;
    }

    /**
     * Buffers {@code count} samples of one series (timestamps in any order; the arrays are copied),
     * and writes staged blocks when the buffer is full.
     *
     * @throws IOException when a flush fails; call {@link #abort()} then
     */
    public void add(Labels labels, long[] timestamps, double[] values, int count) throws IOException {
        checkOpen();
        if (count <= 0) {
            return;
        }
        SeriesBuffer buffer = buffers.get(labels);
        if (buffer == null) {
            buffer = new SeriesBuffer();
            buffers.put(labels, buffer);
        }
        buffer.append(timestamps, values, count);
        buffered += count;
        if (buffered >= maxBufferedSamples) {
            flush();
        }
    }

    /**
     * Writes what is buffered and publishes every staged block into the blocks directory, merging
     * the staged blocks of one range into one. Nothing is published when this fails.
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            flush();
            publish();
        } catch (IOException | RuntimeException | Error e) {
            abort();
            throw e;
        }
        closed = true;
    }

    /** Discards the buffers and the staged blocks; nothing of this import is published. */
    public void abort() throws IOException {
        closed = true;
        buffers.clear();
        buffered = 0;
        if (stagingCreated && files.exists(staging)) {
            files.deleteRecursively(staging);
        }
    }

    /**
     * Samples in staged blocks before {@link #close()}, in published blocks after it; duplicates
     * excluded.
     */
    public long samplesWritten() {
        return samplesWritten;
    }

    /** Blocks published into the blocks directory by {@link #close()}. */
    public int blocksWritten() {
        return blocksWritten;
    }

    /**
     * Samples dropped because their series already had a sample at that timestamp in this import
     * (final after {@link #close()}, which counts the duplicates between flushes).
     */
    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    /** Oldest timestamp written so far; {@code Long.MAX_VALUE} before any. */
    public long minTime() {
        return minTime;
    }

    /** Newest timestamp written so far; {@code Long.MIN_VALUE} before any. */
    public long maxTime() {
        return maxTime;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the history block writer is closed");
        }
    }

    /** Writes one staged block per range the buffers cover, then empties the buffers. */
    private void flush() throws IOException {
        if (buffers.isEmpty()) {
            return;
        }
        List<Map.Entry<Labels, SeriesBuffer>> series = new ArrayList<>(buffers.entrySet());
        series.sort(Map.Entry.comparingByKey());
        TreeMap<Long, RangeSlices> ranges = new TreeMap<>();
        for (Map.Entry<Labels, SeriesBuffer> e : series) {
            SeriesBuffer b = e.getValue();
            duplicatesDropped += b.normalize();
            long[] ts = b.timestamps();
            minTime = Math.min(minTime, ts[0]);
            maxTime = Math.max(maxTime, ts[b.size() - 1]);
            for (int from = 0; from < b.size(); ) {
                long start = Math.floorDiv(ts[from], blockMillis) * blockMillis;
                int to = b.firstAtOrAfter(saturatedAdd(start, blockMillis), from);
                ranges.computeIfAbsent(start, s -> new RangeSlices()).add(e.getKey(), b, from, to);
                samplesWritten += to - from;
                from = to;
            }
        }
        if (!stagingCreated) {
            files.createDirectories(staging);
            stagingCreated = true;
        }
        for (Map.Entry<Long, RangeSlices> r : ranges.entrySet()) {
            long start = r.getKey();
            BlockWriter.write(staging, start, saturatedAdd(start, blockMillis), r.getValue(), files);
            stagedBlocks++;
        }
        buffers.clear();
        buffered = 0;
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** Moves single staged blocks into place and merges ranges that several flushes wrote. */
    private void publish() throws IOException {
        if (stagedBlocks == 0) {
            return;
        }
        List<String> moves = new ArrayList<>();
        long published = 0;
        try (BlockSet set = BlockSet.open(staging, files)) {
            TreeMap<Long, List<Block>> byRange = new TreeMap<>();
            for (Block b : set.blocks()) {
                byRange.computeIfAbsent(b.meta().minTime(), k -> new ArrayList<>()).add(b);
            }
            Compactor merger = new Compactor(files, new CompactionPlanner(List.of(blockMillis)));
            for (List<Block> group : byRange.values()) {
                if (group.size() == 1) {
                    moves.add(group.getFirst().meta().id());
                    published += group.getFirst().meta().numSamples();
                } else {
                    // Ids grow with creation time, so the earlier flush comes first and wins ties.
                    group.sort((x, y) -> x.meta().id().compareTo(y.meta().id()));
                    BlockMeta merged = merger.merge(blocksDir, group);
                    published += merged.numSamples();
                    blocksWritten++;
                }
            }
        }
        for (String id : moves) {
            files.rename(staging.resolve(id), blocksDir.resolve(id));
            blocksWritten++;
        }
        files.fsyncDirectory(blocksDir);
        files.deleteRecursively(staging);
        // Merging dropped the equal timestamps that different flushes of one series had staged.
        duplicatesDropped += samplesWritten - published;
        samplesWritten = published;
    }
}
