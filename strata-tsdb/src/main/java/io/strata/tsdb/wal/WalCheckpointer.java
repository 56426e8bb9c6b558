package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalFormat.FRAME_HEADER_BYTES;
import static io.strata.tsdb.wal.WalFormat.SEGMENT_HEADER_BYTES;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a checkpoint (Prometheus's idea): the previous checkpoint and the segments up to
 * {@code throughSegment} are read, the records are filtered entry by entry, and what is kept is
 * written as segments {@code 00000000, 00000001, ...} of a new directory. The directory is built
 * under a {@code .tmp} name, fsynced, and renamed, so a crash leaves either the old or the new
 * checkpoint complete; only then are the covered segments and the old checkpoint deleted.
 */
final class WalCheckpointer implements WalRecordVisitor {
    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);
    /** Metadata entries per record written; keeps records of many families at a moderate size. */
    private static final int METADATA_PER_RECORD = 1024;

    private final StorageFiles files;
    private final Path outDir;
    private final CheckpointFilter filter;
    private final long segmentSizeBytes;
    private final UnsyncedTail frames = new UnsyncedTail(0);
    private final Map<String, MetricMetadata> latestMetadata = new LinkedHashMap<>();
    private ActiveSegment out;
    private ByteBuffer record;
    private long[] refs = new long[0];
    private long[] times = new long[0];
    private long[] maxTimes = new long[0];
    private double[] values = new double[0];
    private Labels[] labels = new Labels[0];
    private long seriesKept;
    private long samplesKept;
    private long tombstonesKept;
    private long dropped;
    private IOException writeFailure;

    private WalCheckpointer(StorageFiles files, Path outDir, CheckpointFilter filter, long segmentSizeBytes) {
        this.files = files;
        this.outDir = outDir;
        this.filter = filter;
        this.segmentSizeBytes = segmentSizeBytes;
    }

    /** Checkpoints segments up to {@code throughSegment}, which must all be closed. */
    static Checkpoint write(StorageFiles files, Path dir, int throughSegment, CheckpointFilter filter,
            long segmentSizeBytes) throws IOException {
        WalDirectory listing = WalDirectory.read(files, dir);
        int previous = listing.latestCheckpoint();
        if (previous >= throughSegment) {
            throw new IllegalArgumentException("WAL already has a checkpoint through segment " + previous
                    + ", cannot checkpoint through " + throughSegment);
        }
        String name = WalFiles.checkpointName(throughSegment);
        Path tmp = dir.resolve(name + WalFiles.TMP_SUFFIX);
        Path target = dir.resolve(name);
        files.deleteRecursively(tmp);
        files.createDirectories(tmp);
        WalCheckpointer checkpointer = new WalCheckpointer(files, tmp, filter, segmentSizeBytes);
        try {
            checkpointer.out = ActiveSegment.create(files, tmp, 0, WalFormat.NO_PREVIOUS_SEGMENT);
            ByteBuffer window = null;
            WalRecordDecoder decoder = new WalRecordDecoder();
            if (previous >= 0) {
                Path previousDir = listing.checkpointDir(previous);
                List<Integer> inPrevious = checkpointSegments(files, previousDir);
                for (int i = 0; i < inPrevious.size(); i++) {
                    window = checkpointer.copy(files, previousDir, inPrevious.get(i), i + 1 < inPrevious.size(),
                            decoder, window);
                }
            }
            // Segments up to throughSegment are closed (Wal.checkpoint rotates first), so each one
            // has a successor whose header records where it ends.
            List<Integer> segments = listing.segmentsAfter(previous);
            for (int i = 0; i < segments.size() && segments.get(i) <= throughSegment; i++) {
                window = checkpointer.copy(files, dir, segments.get(i), i + 1 < segments.size(), decoder, window);
            }
            checkpointer.finish();
            files.fsyncDirectory(tmp);
            files.rename(tmp, target);
            files.fsyncDirectory(dir);
        } catch (IOException | RuntimeException e) {
            checkpointer.closeOutput(e);
            try {
                files.deleteRecursively(tmp);
            } catch (IOException deleteFailure) {
                e.addSuppressed(deleteFailure);
            }
            throw e;
        }
        // The new checkpoint is durable; what it replaces can go (open() finishes this after a crash).
        for (int segment : listing.segments) {
            if (segment <= throughSegment) {
                files.deleteRecursively(WalFiles.segmentPath(dir, segment));
            }
        }
        for (int old : listing.checkpoints) {
            files.deleteRecursively(listing.checkpointDir(old));
        }
        files.fsyncDirectory(dir);
        Checkpoint result = new Checkpoint(throughSegment, target, checkpointer.seriesKept, checkpointer.samplesKept,
                checkpointer.tombstonesKept, checkpointer.latestMetadata.size(), checkpointer.dropped);
        log.info("WAL checkpoint written: {}", result);
        return result;
    }

    /** The segments of a checkpoint directory, checked to be 0, 1, 2, ... */
    static List<Integer> checkpointSegments(StorageFiles files, Path checkpointDir) throws IOException {
        List<Integer> segments = WalDirectory.read(files, checkpointDir).segmentsAfter(-1);
        if (!segments.isEmpty() && segments.getFirst() != 0) {
            throw new CorruptWalException(WalFiles.segmentPath(checkpointDir, 0), 0, 0,
                    "checkpoint segment 00000000 is missing");
        }
        return segments;
    }

    private ByteBuffer copy(StorageFiles files, Path segmentDir, int number, boolean hasSuccessor,
            WalRecordDecoder decoder, ByteBuffer window) throws IOException {
        Path path = WalFiles.segmentPath(segmentDir, number);
        long end = SegmentChain.readableEnd(files, segmentDir, number, hasSuccessor);
        try (SegmentReader reader = SegmentReader.open(files, path, number, end, window)) {
            SegmentReader.Step step;
            while ((step = reader.next()) == SegmentReader.Step.FRAME) {
                try {
                    decoder.decode(reader.payload(), this);
                } catch (MalformedWalRecordException e) {
                    throw new CorruptWalException(path, number, reader.frameOffset(), e.getMessage(), e);
                }
                if (writeFailure != null) {
                    throw writeFailure;
                }
            }
            if (step == SegmentReader.Step.DAMAGED) {
                throw reader.corruption();
            }
            return reader.window();
        }
    }

    @Override
    public void series(long[] refs, Labels[] labels, int count) {
        grow(count);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (filter.keepSeries(refs[i])) {
                this.refs[kept] = refs[i];
                this.labels[kept++] = labels[i];
            }
        }
        dropped += count - kept;
        seriesKept += kept;
        if (kept > 0) {
            emit(WalRecords.encodeSeries(this.refs, this.labels, kept, record));
        }
    }

    @Override
    public void samples(long[] refs, long[] timestamps, double[] values, int count) {
        grow(count);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (filter.keepSample(refs[i], timestamps[i])) {
                this.refs[kept] = refs[i];
                this.times[kept] = timestamps[i];
                this.values[kept++] = values[i];
            }
        }
        dropped += count - kept;
        samplesKept += kept;
        if (kept > 0) {
            emit(WalRecords.encodeSamples(this.refs, this.times, this.values, kept, record));
        }
    }

    @Override
    public void tombstones(long[] refs, long[] minTimes, long[] maxTimes, int count) {
        grow(count);
        int kept = 0;
        for (int i = 0; i < count; i++) {
            if (filter.keepTombstone(refs[i], minTimes[i], maxTimes[i])) {
                this.refs[kept] = refs[i];
                this.times[kept] = minTimes[i];
                this.maxTimes[kept++] = maxTimes[i];
            }
        }
        dropped += count - kept;
        tombstonesKept += kept;
        if (kept > 0) {
            emit(WalRecords.encodeTombstones(this.refs, this.times, this.maxTimes, kept, record));
        }
    }

    @Override
    public void metadata(String metricFamily, MetricMetadata metadata) {
        if (!filter.keepMetadata(metricFamily)) {
            dropped++;
            return;
        }
        if (latestMetadata.put(metricFamily, metadata) != null) {
            dropped++; // superseded by this later entry
        }
    }

    private void finish() throws IOException {
        String[] families = new String[METADATA_PER_RECORD];
        MetricMetadata[] metadata = new MetricMetadata[METADATA_PER_RECORD];
        int n = 0;
        for (Map.Entry<String, MetricMetadata> e : latestMetadata.entrySet()) {
            families[n] = e.getKey();
            metadata[n++] = e.getValue();
            if (n == METADATA_PER_RECORD) {
                emit(WalRecords.encodeMetadata(families, metadata, n, record));
                n = 0;
            }
        }
        if (n > 0) {
            emit(WalRecords.encodeMetadata(families, metadata, n, record));
        }
        if (writeFailure != null) {
            throw writeFailure;
        }
        files.fsync(out.channel(), out.path);
        out.close();
    }

    /** Writes one record; visitor methods cannot throw IOException, so a failure is kept for copy() to rethrow. */
    private void emit(ByteBuffer encoded) {
        record = encoded;
        if (writeFailure != null) {
            return;
        }
        try {
            int frameLength = FRAME_HEADER_BYTES + encoded.limit();
            if (out.writtenOffset() > SEGMENT_HEADER_BYTES && out.writtenOffset() + frameLength > segmentSizeBytes) {
                files.fsync(out.channel(), out.path);
                out.close();
                out = ActiveSegment.create(files, outDir, out.number + 1, out.writtenOffset());
            }
            frames.reset(0);
            out.append(frames.stage(encoded, encoded.limit()));
        } catch (IOException e) {
            writeFailure = e;
        }
    }

    private void closeOutput(Exception primary) {
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }

    private void grow(int count) {
        if (refs.length < count) {
            refs = new long[count];
            times = new long[count];
            maxTimes = new long[count];
            values = new double[count];
            labels = new Labels[count];
        }
    }
}
