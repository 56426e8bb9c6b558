package io.strata.tsdb.wal;

import io.strata.model.StrataException;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write-ahead log of one TSDB: every acknowledged write is in it before the client hears 2xx,
 * and it is replayed into the head at start-up.
 *
 * <p>A directory of numbered segment files, each a header and a sequence of frames (length,
 * CRC32C, record); the byte layout is in docs/format/wal.md, the failure handling in DESIGN.md
 * beside this class.
 *
 * <p>Acknowledgement: {@link #append} returns only after the record was handed to the kernel with
 * {@code write()}, so it survives a killed process. {@link SyncMode#INTERVAL} fsyncs at least
 * every {@link WalOptions#syncInterval()} on a background thread; {@link SyncMode#ALWAYS} returns
 * only after an fsync covering the record, with concurrent appenders sharing fsyncs.
 *
 * <p>Failures are contained: a full disk or a failed fsync makes appends throw
 * {@link StrataException} {@code UNAVAILABLE} and {@link #healthy()} false, never corrupts the
 * log, and heals on its own once the disk works again.
 *
 * <p>Positions: {@link #append} returns {@code segment << 32 | offset} of the record's frame
 * ({@link #segmentOf}, {@link #offsetOf}). After an fsync failure, records that were not durable
 * yet are rewritten into the next segment, so a position is where a record was written first;
 * records only ever move to later segments.
 *
 * <p>Thread-safe. {@link #replay}, {@link #checkpoint} and {@link #truncateBefore} are serialized
 * with each other and may run while appends continue.
 */
public final class Wal implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Wal.class);

    private final Path dir;
    private final WalOptions options;
    private final StorageFiles files;
    private final WalMetrics metrics;
    private final WalWriter writer;
    private final WalRepairReport repairReport;
    private final ReentrantLock maintenanceLock = new ReentrantLock();

    private Wal(Path dir, WalOptions options, StorageFiles files, WalMetrics metrics, WalWriter writer,
            WalRepairReport repairReport) {
        this.dir = dir;
        this.options = options;
        this.files = files;
        this.metrics = metrics;
        this.writer = writer;
        this.repairReport = repairReport;
    }

    /**
     * Opens (creating if needed) the WAL in {@code dir}: finishes a checkpoint a crash
     * interrupted, cuts off a torn last write (see {@link #repairReport()}), and starts a new
     * segment to append to.
     *
     * @throws CorruptWalException when the last segment is damaged before its end, so that
     *     cutting it would lose intact records
     */
    public static Wal open(Path dir, WalOptions options, StorageFiles files, InstantSource clock) throws IOException {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(clock, "clock");
        files.createDirectories(dir);
        WalDirectory listing = WalDirectory.read(files, dir);
        removeLeftovers(files, listing);
        int checkpoint = listing.latestCheckpoint();
        List<Integer> segments = listing.segmentsAfter(checkpoint);
        WalMetrics metrics = new WalMetrics();
        WalRepairReport report = WalRepairReport.clean();
        int next = Math.max(checkpoint + 1, 1);
        long previousLength = WalFormat.NO_PREVIOUS_SEGMENT;
        if (!segments.isEmpty()) {
            int last = segments.getLast();
            Path lastPath = WalFiles.segmentPath(dir, last);
            report = TornTailRepair.repair(files, lastPath, last);
            if (report.repaired()) {
                metrics.repairs.increment();
                log.warn("{} in {}", report, dir);
            }
            previousLength = files.size(lastPath);
            next = last + 1;
        }
        ActiveSegment first;
        try {
            first = ActiveSegment.create(files, dir, next, previousLength);
        } catch (IOException e) {
            throw new IOException("cannot start WAL segment " + WalFiles.segmentPath(dir, next) + ": " + e.getMessage()
                    + (WalWriter.isDiskFull(e) ? "; free space in " + dir : ""), e);
        }
        metrics.segmentsCreated.increment();
        WalWriter writer = new WalWriter(files, dir, options, metrics, clock, first);
        writer.startSyncThread();
        return new Wal(dir, options, files, metrics, writer, report);
    }

    /** Unfinished checkpoints, probe files, and what a finished checkpoint replaced. */
    private static void removeLeftovers(StorageFiles files, WalDirectory listing) throws IOException {
        int checkpoint = listing.latestCheckpoint();
        boolean removed = false;
        for (Path leftover : listing.leftovers) {
            files.deleteRecursively(leftover);
            removed = true;
        }
        for (int segment : listing.segments) {
            if (segment <= checkpoint) {
                files.deleteRecursively(WalFiles.segmentPath(listing.dir, segment));
                removed = true;
            }
        }
        for (int old : listing.checkpoints) {
            if (old != checkpoint) {
                files.deleteRecursively(listing.checkpointDir(old));
                removed = true;
            }
        }
        if (removed) {
            files.fsyncDirectory(listing.dir);
        }
    }

    /** What {@link #open} repaired, or {@link WalRepairReport#clean()}. */
    public WalRepairReport repairReport() {
        return repairReport;
    }

    /**
     * Appends one record, its bytes from offset 0 to {@code record.limit()} (the buffer's position
     * is ignored and nothing in it is changed), as written by {@link WalRecords}. Returns once the
     * record is written to the segment file, or in {@link SyncMode#ALWAYS} once an fsync covered it.
     *
     * @return the record's position, {@code segment << 32 | offset}
     * @throws StrataException {@code UNAVAILABLE} when the disk is full, a write or fsync failed,
     *     or the WAL is closed (the message says which, the path, and what to do); the record is
     *     then not acknowledged and the log stays intact. {@code CANCELED} when the calling thread
     *     is interrupted.
     * @throws IllegalArgumentException when the record is empty or larger than 256 MiB
     */
    public long append(ByteBuffer record) {
        return writer.append(record);
    }

    /** Returns once every record appended before the call is durable (fsynced). */
    public void sync() throws IOException {
        writer.sync();
    }

    /**
     * Replays every record from the latest checkpoint on, in log order, up to the last record
     * appended before the call.
     *
     * <p>Meant for start-up, before appends begin. It may run while appends continue and then
     * replays a consistent prefix, with one exception: if an fsync failure is recovered meanwhile,
     * the records that recovery moves to a new segment may be missing or reported as corrupt.
     *
     * @throws CorruptWalException when a frame or record is damaged (torn tails were already
     *     repaired by {@link #open}), or a segment is shorter than the next segment's header
     *     records (whole records lost at its end); nothing after the damage is replayed
     */
    public void replay(WalRecordVisitor visitor) throws IOException {
        maintenanceLock.lock();
        try {
            long written = writer.writtenPosition();
            int current = DurabilityTracker.segmentOf(written);
            WalDirectory listing = WalDirectory.read(files, dir);
            int checkpoint = listing.latestCheckpoint();
            WalRecordDecoder decoder = new WalRecordDecoder();
            ByteBuffer window = null;
            if (checkpoint >= 0) {
                Path checkpointDir = listing.checkpointDir(checkpoint);
                List<Integer> inCheckpoint = WalCheckpointer.checkpointSegments(files, checkpointDir);
                for (int i = 0; i < inCheckpoint.size(); i++) {
                    int segment = inCheckpoint.get(i);
                    long end = SegmentChain.readableEnd(files, checkpointDir, segment, i + 1 < inCheckpoint.size());
                    window = replaySegment(WalFiles.segmentPath(checkpointDir, segment), segment, end, decoder,
                            visitor, window);
                }
            }
            List<Integer> segments = listing.segmentsAfter(checkpoint);
            for (int i = 0; i < segments.size(); i++) {
                int segment = segments.get(i);
                if (segment > current) {
                    break; // cut after the call began
                }
                Path path = WalFiles.segmentPath(dir, segment);
                // The segment being written has no successor yet; read what was appended before the call.
                long end = segment == current
                        ? Math.min(DurabilityTracker.offsetOf(written), files.size(path))
                        : SegmentChain.readableEnd(files, dir, segment, i + 1 < segments.size());
                window = replaySegment(path, segment, end, decoder, visitor, window);
            }
        } finally {
            maintenanceLock.unlock();
        }
    }

    private ByteBuffer replaySegment(Path path, int segment, long end, WalRecordDecoder decoder,
            WalRecordVisitor visitor, ByteBuffer window) throws IOException {
        try (SegmentReader reader = SegmentReader.open(files, path, segment, end, window)) {
            SegmentReader.Step step;
            while ((step = reader.next()) == SegmentReader.Step.FRAME) {
                try {
                    decoder.decode(reader.payload(), visitor);
                } catch (MalformedWalRecordException e) {
                    throw new CorruptWalException(path, segment, reader.frameOffset(), e.getMessage(), e);
                }
            }
            if (step == SegmentReader.Step.DAMAGED) {
                throw reader.corruption();
            }
            return reader.window();
        }
    }

    /** Capacity of the staging buffer of unsynced bytes, for tests. */
    int tailCapacity() {
        return writer.tailCapacity();
    }

    /** The segment appends go to now. */
    public int currentSegment() {
        return writer.currentSegment();
    }

    /**
     * Cuts a new segment now and returns its number; the previous one is fsynced and never
     * written again (so it can be checkpointed).
     *
     * @throws StrataException {@code UNAVAILABLE} when the WAL is unhealthy
     */
    public int rotate() {
        return writer.rotate();
    }

    /**
     * Deletes the segments numbered below {@code segment}. Their records are gone from replay, so
     * call it only for what blocks or a checkpoint already hold.
     *
     * @throws IllegalArgumentException when that would delete the segment being written
     */
    public void truncateBefore(int segment) throws IOException {
        maintenanceLock.lock();
        try {
            if (segment > writer.currentSegment()) {
                throw new IllegalArgumentException("cannot truncate the WAL before segment " + segment
                        + ": segment " + writer.currentSegment() + " is being written");
            }
            boolean deleted = false;
            for (int existing : WalDirectory.read(files, dir).segments) {
                if (existing < segment) {
                    // ascending, so a crash in between leaves a consecutive run of segments
                    files.deleteRecursively(WalFiles.segmentPath(dir, existing));
                    deleted = true;
                }
            }
            if (deleted) {
                files.fsyncDirectory(dir);
            }
        } finally {
            maintenanceLock.unlock();
        }
    }

    /**
     * Writes a checkpoint of everything up to {@code throughSegment}, keeping what
     * {@code filter} keeps (series records of live series, samples, tombstones, the latest
     * metadata per family), then deletes those segments and the previous checkpoint. Replay then
     * starts from the checkpoint. When {@code throughSegment} is the segment being written, a new
     * segment is cut first.
     *
     * @throws IllegalArgumentException when {@code throughSegment} is after the current segment or
     *     not after the latest checkpoint
     */
    public Checkpoint checkpoint(int throughSegment, CheckpointFilter filter) throws IOException {
        Objects.requireNonNull(filter, "filter");
        maintenanceLock.lock();
        try {
            int current = writer.currentSegment();
            if (throughSegment > current) {
                throw new IllegalArgumentException("cannot checkpoint through segment " + throughSegment
                        + ": the WAL is at segment " + current);
            }
            if (throughSegment == current) {
                try {
                    writer.rotate();
                } catch (StrataException e) {
                    throw new IOException("cannot checkpoint the WAL: " + e.getMessage(), e);
                }
            }
            Checkpoint checkpoint = WalCheckpointer.write(files, dir, throughSegment, filter,
                    options.segmentSizeBytes());
            metrics.checkpoints.increment();
            return checkpoint;
        } finally {
            maintenanceLock.unlock();
        }
    }

    /** Whether appends work; false after a failed write or fsync until the WAL recovers, and after close. */
    public boolean healthy() {
        return writer.health().state() == WalHealth.State.HEALTHY;
    }

    /** Why the WAL is unhealthy (what failed, where, what to do), or an empty string when healthy. */
    public String unhealthyReason() {
        WalHealth health = writer.health();
        return health.state() == WalHealth.State.HEALTHY ? ""
                : health.reason() + " (since " + health.since() + ")";
    }

    public WalMetrics metrics() {
        return metrics;
    }

    public Path directory() {
        return dir;
    }

    public WalOptions options() {
        return options;
    }

    /** The segment of a position returned by {@link #append}. */
    public static int segmentOf(long position) {
        return DurabilityTracker.segmentOf(position);
    }

    /** The byte offset inside its segment of a position returned by {@link #append}. */
    public static long offsetOf(long position) {
        return DurabilityTracker.offsetOf(position);
    }

    /**
     * Fsyncs what was appended, stops the sync thread and closes the files. Appends after close
     * throw {@code UNAVAILABLE}. Idempotent.
     *
     * @throws IOException when the final fsync failed (records acknowledged in
     *     {@link SyncMode#INTERVAL} since the last fsync may then be lost on power failure)
     */
    @Override
    public void close() throws IOException {
        writer.close();
    }
}
