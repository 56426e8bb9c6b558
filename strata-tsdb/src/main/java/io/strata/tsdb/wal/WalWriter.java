package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.DurabilityTracker.offsetOf;
import static io.strata.tsdb.wal.DurabilityTracker.position;
import static io.strata.tsdb.wal.DurabilityTracker.segmentOf;
import static io.strata.tsdb.wal.WalFormat.FRAME_HEADER_BYTES;
import static io.strata.tsdb.wal.WalFormat.SEGMENT_HEADER_BYTES;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write side of the WAL: appends frames to the active segment, cuts segments, runs the fsyncs,
 * and turns write and fsync failures into a contained, reported state that heals itself.
 *
 * <p>Locks, always taken in this order:
 * <ol>
 *   <li>{@code writeLock}: appends, rotation, recovery, close. Guards {@link #tail} and the
 *       active segment's written offset.
 *   <li>{@code syncLock}: held while an fsync runs and while the active segment is switched, so
 *       the sync thread always fsyncs the segment that {@link #writtenPosition} points into.
 *   <li>the {@link DurabilityTracker}'s internal lock (a leaf).
 * </ol>
 * The sync thread takes {@code syncLock} alone for fsyncs, so appends continue while it syncs.
 */
final class WalWriter {
    private static final Logger log = LoggerFactory.getLogger(WalWriter.class);
    private static final int MIN_PROBE_BYTES = 64 << 10;
    private static final int MAX_PROBE_BYTES = 16 << 20;

    private final StorageFiles files;
    private final Path dir;
    private final WalOptions options;
    private final WalMetrics metrics;
    private final InstantSource clock;
    private final DurabilityTracker tracker;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantLock syncLock = new ReentrantLock();
    /** Written under writeLock and syncLock; read by the sync thread under syncLock. */
    private volatile ActiveSegment active;
    private final UnsyncedTail tail;
    /** Position just after the last complete frame; written under writeLock. */
    private volatile long writtenPosition;
    /** {@link #writtenPosition} at the sync thread's previous idle check; sync thread only. */
    private long positionAtLastIdleCheck = -1;
    private volatile int lastFailedFrameBytes;
    /** The last failure was creating the next segment: retrying that is the faithful probe. */
    private volatile boolean rotationPending;
    /** Why the active segment failed, kept apart from later recovery errors; set with the failure. */
    private volatile String segmentFailureCause = "";
    private Thread syncThread;
    private final long unsyncedLimit;

    WalWriter(StorageFiles files, Path dir, WalOptions options, WalMetrics metrics, InstantSource clock,
            ActiveSegment first) {
        this.files = files;
        this.dir = dir;
        this.options = options;
        this.metrics = metrics;
        this.clock = clock;
        this.active = first;
        this.writtenPosition = position(first.number, first.writtenOffset());
        this.tracker = new DurabilityTracker(writtenPosition, clock.instant());
        this.tail = new UnsyncedTail(first.writtenOffset());
        this.unsyncedLimit = UnsyncedTail.unsyncedLimit(options.segmentSizeBytes());
    }

    void startSyncThread() {
        syncThread = Thread.ofPlatform()
                .name("strata-wal-sync-" + dir.getFileName())
                .daemon(true)
                .start(this::syncLoop);
    }

    WalHealth health() {
        return tracker.health();
    }

    int currentSegment() {
        return active.number;
    }

    long writtenPosition() {
        return writtenPosition;
    }

    /** Appends one record; see {@link Wal#append}. */
    long append(ByteBuffer record) {
        int length = record.limit();
        if (length < 1 || length > WalFormat.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("WAL record of " + length + " bytes is outside [1, "
                    + WalFormat.MAX_RECORD_BYTES + "]");
        }
        if (Thread.currentThread().isInterrupted()) {
            // A channel touched by an interrupted thread is closed by the JDK; refuse before that.
            throw new StrataException(ErrorCode.CANCELED, "WAL append called on an interrupted thread");
        }
        int frameLength = FRAME_HEADER_BYTES + length;
        long start;
        long end;
        long generation;
        writeLock.lock();
        try {
            generation = prepareForAppend();
            ActiveSegment segment = active;
            if (segment.writtenOffset() > SEGMENT_HEADER_BYTES
                    && segment.writtenOffset() + frameLength > options.segmentSizeBytes()) {
                rotateLocked();
                segment = active;
            }
            tail.discardBefore(durableOffsetIn(segment));
            if (tail.size() > 0 && (long) tail.size() + frameLength > unsyncedLimit) {
                // fsyncs are falling behind: sync inline rather than let the copy grow without bound
                syncNowLocked();
                tail.discardBefore(durableOffsetIn(segment));
            }
            ByteBuffer frame = tail.stage(record, length);
            long offset = segment.writtenOffset();
            try {
                segment.append(frame);
            } catch (IOException e) {
                tail.unstage(frameLength);
                throw writeFailed(segment, e, frameLength);
            }
            start = position(segment.number, offset);
            end = position(segment.number, offset + frameLength);
            writtenPosition = end;
            metrics.recordsWritten.increment();
            metrics.bytesWritten.add(frameLength);
            metrics.unsyncedBytes.set(offsetOf(end) - durableOffsetIn(segment));
            if (tracker.writeSucceeded(clock.instant())) {
                metrics.recoveries.increment();
                log.info("WAL writes succeed again in {}", dir);
            }
        } finally {
            writeLock.unlock();
        }
        if (options.syncMode() == SyncMode.ALWAYS) {
            tracker.awaitDurable(end, generation);
        }
        return start;
    }

    /** Returns once everything appended before the call is durable; see {@link Wal#sync()}. */
    void sync() throws IOException {
        long target = writtenPosition;
        long generation = tracker.appendGeneration();
        if (generation < 0) {
            throw new IOException(tracker.health().reason());
        }
        try {
            tracker.awaitDurable(target, generation);
        } catch (StrataException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    /** Cuts a new segment now (the old one becomes durable and immutable) and returns its number. */
    int rotate() {
        writeLock.lock();
        try {
            prepareForAppend();
            rotateLocked();
            return active.number;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Checks that an append may proceed, recovering a failed segment first if needed; returns the
     * failure generation to note. Caller holds writeLock.
     */
    private long prepareForAppend() {
        if (!active.channel().isOpen()) {
            reopenAfterInterrupt(active);
        }
        long generation = tracker.appendGeneration();
        if (generation >= 0) {
            return generation;
        }
        if (tracker.health().state() == WalHealth.State.CLOSED) {
            throw new StrataException(ErrorCode.UNAVAILABLE, "WAL in " + dir + " is closed");
        }
        recoverLocked();
        generation = tracker.appendGeneration();
        if (generation < 0) {
            throw new IllegalStateException("BUG: WAL recovery finished but appends are still refused");
        }
        return generation;
    }

    private void rotateLocked() {
        ActiveSegment old = active;
        syncLock.lock();
        try {
            try {
                fsync(old);
            } catch (IOException e) {
                throw fsyncFailed(old, e);
            }
            tracker.advance(position(old.number, old.writtenOffset()));
            ActiveSegment next;
            try {
                // fsynced in full just above, so its written offset is where it ends on disk
                next = ActiveSegment.create(files, dir, old.number + 1, old.writtenOffset());
            } catch (IOException e) {
                throw createFailed(old.number + 1, e);
            }
            switchTo(next);
            closeQuietly(old);
            if (rotationPending) {
                rotationPending = false;
                if (tracker.writeSucceeded(clock.instant())) {
                    metrics.recoveries.increment();
                    log.info("WAL created segment {} after an earlier failure; accepting writes again", next.path);
                }
            }
        } finally {
            syncLock.unlock();
        }
    }

    /**
     * Cuts over from a segment whose fsync failed: a new segment gets the acknowledged records that
     * were not yet durable (INTERVAL mode; in ALWAYS mode none were acknowledged), it is synced,
     * and only then is the failed segment cut back to its durable part. Caller holds writeLock.
     */
    private void recoverLocked() {
        ActiveSegment failed = active;
        syncLock.lock();
        try {
            long durable = tracker.durable();
            if (segmentOf(durable) != failed.number) {
                throw new IllegalStateException("BUG: durable position " + Long.toHexString(durable)
                        + " is not in the failed segment " + failed.number);
            }
            long durableOffset = offsetOf(durable);
            // A partial frame after the last complete one (a failed write whose truncation failed
            // too) goes before a later segment exists. Replay would stop at the durable offset the
            // next header records and never reach it, but a segment that is not the last should
            // hold no damaged bytes at all, for whoever inspects it without the chain.
            try {
                failed.truncate(failed.writtenOffset());
            } catch (IOException e) {
                throw recoveryFailed("cutting the partial record from " + failed.path, e);
            }
            ActiveSegment next;
            try {
                // The durable offset, not the written one: the failed segment is cut back to it at
                // the end, and if that cut fails or a kill comes first, replay still stops reading
                // the failed segment there, so the records rewritten below are not replayed twice.
                next = ActiveSegment.create(files, dir, failed.number + 1, durableOffset);
            } catch (IOException e) {
                throw recoveryFailed("creating segment " + WalFiles.segmentPath(dir, failed.number + 1), e);
            }
            try {
                if (options.syncMode() == SyncMode.INTERVAL) {
                    next.append(tail.bytesFrom(durableOffset));
                    fsync(next);
                }
            } catch (IOException e) {
                closeQuietly(next);
                deleteQuietly(next.path);
                throw recoveryFailed("rewriting the unsynced records into " + next.path, e);
            }
            long rewritten = next.writtenOffset() - SEGMENT_HEADER_BYTES;
            switchTo(next);
            metrics.recoveries.increment();
            // The new segment's header already tells replay where the failed one ends; cutting the
            // untrusted tail keeps the file equal to that, so nothing looks odd to a reader by hand.
            try {
                failed.truncate(durableOffset);
                files.fsync(failed.channel(), failed.path);
            } catch (IOException e) {
                log.warn("WAL could not cut failed segment {} back to its durable {} bytes; replay reads it only up"
                        + " to there, as segment {} records", failed.path, durableOffset, next.number, e);
            }
            closeQuietly(failed);
            log.warn("WAL recovered: writing to new segment {}, {} unsynced bytes rewritten from memory",
                    next.path, rewritten);
        } finally {
            syncLock.unlock();
        }
    }

    /** Makes {@code next} the active segment, everything before it durable. Caller holds both locks. */
    private void switchTo(ActiveSegment next) {
        active = next;
        tail.reset(next.writtenOffset());
        long end = position(next.number, next.writtenOffset());
        writtenPosition = end;
        metrics.segmentsCreated.increment();
        metrics.unsyncedBytes.set(0);
        if (tracker.health().state() == WalHealth.State.SEGMENT_FAILED) {
            tracker.recovered(end, clock.instant());
        } else {
            tracker.advance(end);
        }
    }

    /** The sync thread's body: fsync on request or every interval; heal when unhealthy. */
    private void syncLoop() {
        long intervalNanos = options.syncInterval().toNanos();
        while (tracker.awaitWork(intervalNanos)) {
            try {
                switch (tracker.health().state()) {
                    case HEALTHY -> {
                        syncOnce();
                        releaseTailWhenIdle();
                    }
                    case WRITE_FAILED -> {
                        syncOnce();
                        if (rotationPending) {
                            retryRotation();
                        } else {
                            probeFreeSpace();
                        }
                    }
                    case SEGMENT_FAILED -> tryRecover();
                    case CLOSED -> {
                        return;
                    }
                }
            } catch (RuntimeException e) {
                log.error("BUG: WAL sync thread failed; it keeps running", e);
            }
        }
    }

    /** One fsync of the active segment, if anything is unsynced. Sync thread only. */
    private void syncOnce() {
        boolean channelClosed = false;
        syncLock.lock();
        try {
            long target = writtenPosition;
            if (!tracker.health().acceptsAppends() || target <= tracker.durable()) {
                return;
            }
            ActiveSegment segment = active;
            try {
                fsync(segment);
                tracker.advance(target);
                metrics.unsyncedBytes.set(offsetOf(writtenPosition) - offsetOf(target));
            } catch (ClosedChannelException e) {
                channelClosed = true; // an appender was interrupted mid-write; the file is fine
            } catch (IOException e) {
                fsyncFailed(segment, e);
            }
        } finally {
            syncLock.unlock();
        }
        if (channelClosed) {
            writeLock.lock();
            try {
                reopenAfterInterrupt(active);
            } finally {
                writeLock.unlock();
            }
            tracker.requestSync();
        }
    }

    /**
     * Shrinks the staging buffer once a whole sync interval passed without appends (and all is
     * durable), so its high-water mark of direct memory goes back to the OS when ingest stops.
     * Sync thread only; skips the tick rather than wait when an append holds the lock.
     */
    private void releaseTailWhenIdle() {
        if (!writeLock.tryLock()) {
            return;
        }
        try {
            long written = writtenPosition;
            if (written != positionAtLastIdleCheck) {
                positionAtLastIdleCheck = written;
                return;
            }
            tail.discardBefore(durableOffsetIn(active));
            tail.shrinkIfEmpty();
        } finally {
            writeLock.unlock();
        }
    }

    /** Capacity of the staging buffer, for tests. */
    int tailCapacity() {
        writeLock.lock();
        try {
            return tail.capacity();
        } finally {
            writeLock.unlock();
        }
    }

    /** fsync while holding writeLock (inline back-pressure). Throws UNAVAILABLE on failure. */
    private void syncNowLocked() {
        syncLock.lock();
        try {
            ActiveSegment segment = active;
            long target = writtenPosition;
            try {
                fsync(segment);
            } catch (IOException e) {
                throw fsyncFailed(segment, e);
            }
            tracker.advance(target);
        } finally {
            syncLock.unlock();
        }
    }

    private void tryRecover() {
        writeLock.lock();
        try {
            if (tracker.health().state() == WalHealth.State.SEGMENT_FAILED) {
                recoverLocked();
            }
        } catch (StrataException e) {
            log.debug("WAL still cannot recover: {}", e.getMessage());
        } finally {
            writeLock.unlock();
        }
    }

    private void retryRotation() {
        writeLock.lock();
        try {
            if (rotationPending && tracker.health().state() == WalHealth.State.WRITE_FAILED) {
                rotateLocked();
            }
        } catch (StrataException e) {
            log.debug("WAL still cannot create its next segment: {}", e.getMessage());
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * After a failed write, checks whether the disk takes bytes again by writing (and removing) a
     * probe file as large as the failed frame, so that readiness returns even when no client
     * retries (a load balancer stops sending to an unready server). Sync thread only.
     */
    private void probeFreeSpace() {
        Path probe = dir.resolve(WalFiles.PROBE_FILE);
        int bytes = Math.clamp(lastFailedFrameBytes, MIN_PROBE_BYTES, MAX_PROBE_BYTES);
        try {
            try (FileChannel channel = files.open(probe, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer zeros = ByteBuffer.allocate(bytes);
                long at = 0;
                while (zeros.hasRemaining()) {
                    at += channel.write(zeros, at);
                }
            } finally {
                files.deleteRecursively(probe);
            }
        } catch (IOException e) {
            log.debug("WAL disk probe still fails: {}", e.toString());
            return;
        }
        if (tracker.writeSucceeded(clock.instant())) {
            metrics.recoveries.increment();
            log.info("WAL disk probe of {} bytes succeeded in {}; accepting writes again", bytes, dir);
        }
    }

    private void fsync(ActiveSegment segment) throws IOException {
        long startNanos = System.nanoTime();
        try {
            files.fsync(segment.channel(), segment.path);
        } catch (ClosedChannelException e) {
            throw e;
        } catch (IOException e) {
            metrics.fsyncFailures.increment();
            throw e;
        }
        metrics.recordFsync(System.nanoTime() - startNanos);
    }

    private StrataException fsyncFailed(ActiveSegment segment, IOException e) {
        StrataException interrupted = interruptedOrNull(e);
        if (interrupted != null) {
            return interrupted;
        }
        String reason = "WAL fsync of segment " + segment.path + " failed (" + e.getMessage() + "); its unsynced"
                + " bytes cannot be trusted, so writes are refused until a new segment can be written and synced."
                + " Check the disk and the kernel log";
        markSegmentFailed(reason, e);
        return new StrataException(ErrorCode.UNAVAILABLE, reason, e);
    }

    private void markSegmentFailed(String reason, IOException e) {
        segmentFailureCause = reason;
        if (tracker.segmentFailed(reason, clock.instant())) {
            log.error("{}", reason, e);
        }
    }

    private StrataException writeFailed(ActiveSegment segment, IOException e, int frameLength) {
        StrataException interrupted = interruptedOrNull(e);
        if (interrupted != null) {
            return interrupted;
        }
        metrics.writeFailures.increment();
        lastFailedFrameBytes = frameLength;
        try {
            segment.truncate(segment.writtenOffset());
        } catch (IOException truncateFailure) {
            e.addSuppressed(truncateFailure);
            String reason = "WAL write of " + frameLength + " bytes to segment " + segment.path + " failed ("
                    + e.getMessage() + ") and the partial record could not be removed (" + truncateFailure.getMessage()
                    + "); writes are refused until a new segment can be started";
            markSegmentFailed(reason, e);
            return new StrataException(ErrorCode.UNAVAILABLE, reason, e);
        }
        String reason = isDiskFull(e)
                ? "WAL disk full: writing " + frameLength + " bytes to segment " + segment.path + " failed ("
                        + e.getMessage() + "); writes are refused until space is freed in " + dir
                        + ", then resume on their own"
                : "WAL write of " + frameLength + " bytes to segment " + segment.path + " failed (" + e.getMessage()
                        + "); writes are refused until a write succeeds";
        if (tracker.writeFailed(reason, clock.instant())) {
            log.error("{}", reason, e);
        }
        return new StrataException(ErrorCode.UNAVAILABLE, reason, e);
    }

    private StrataException createFailed(int number, IOException e) {
        StrataException interrupted = interruptedOrNull(e);
        if (interrupted != null) {
            return interrupted;
        }
        metrics.writeFailures.increment();
        rotationPending = true;
        String reason = "WAL could not create segment " + WalFiles.segmentPath(dir, number) + " ("
                + e.getMessage() + ")" + (isDiskFull(e) ? ": disk full; free space in " + dir : "")
                + "; writes are refused until it can be created";
        if (tracker.writeFailed(reason, clock.instant())) {
            log.error("{}", reason, e);
        }
        return new StrataException(ErrorCode.UNAVAILABLE, reason, e);
    }

    private StrataException recoveryFailed(String step, IOException e) {
        StrataException interrupted = interruptedOrNull(e);
        if (interrupted != null) {
            return interrupted;
        }
        String reason = segmentFailureCause + ". Recovery failed too, " + step + " (" + e.getMessage() + ")"
                + (isDiskFull(e) ? ": disk full; free space in " + dir : "") + "; it is retried every "
                + options.syncInterval() + " and by the next append";
        tracker.refreshFailureReason(reason);
        return new StrataException(ErrorCode.UNAVAILABLE, reason, e);
    }

    /**
     * The JDK closes a channel when a thread using it is interrupted ({@code ClosedByInterruptException});
     * we never close the active channel ourselves while it is in use, so a closed channel means
     * an interrupt. That is no storage failure: reopen the channel (dropping any partial frame) and
     * report the operation as canceled. Reopens even when {@code isOpen()} says true, because a
     * wrapping channel cannot report its inner channel's state.
     */
    private StrataException interruptedOrNull(IOException e) {
        if (!(e instanceof ClosedChannelException)) {
            return null;
        }
        if (writeLock.isHeldByCurrentThread()) {
            reopenAfterInterrupt(active);
        }
        return new StrataException(ErrorCode.CANCELED, "WAL operation interrupted; the record was not written", e);
    }

    private void reopenAfterInterrupt(ActiveSegment segment) {
        boolean interrupted = Thread.interrupted(); // a set flag would close the new channel at once
        try {
            segment.reopen();
        } catch (IOException e) {
            String reason = "WAL could not reopen segment " + segment.path + " after an interrupted write ("
                    + e.getMessage() + ")";
            markSegmentFailed(reason, e);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private long durableOffsetIn(ActiveSegment segment) {
        long durable = tracker.durable();
        return segmentOf(durable) == segment.number ? offsetOf(durable) : SEGMENT_HEADER_BYTES;
    }

    static boolean isDiskFull(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("no space left") || message.contains("disk quota exceeded");
    }

    /**
     * Stops the sync thread, makes everything durable (recovering a failed segment if it can), and
     * closes the active segment. Idempotent.
     */
    void close() throws IOException {
        tracker.stopSyncThread();
        if (syncThread != null) {
            try {
                syncThread.join(java.time.Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writeLock.lock();
        try {
            WalHealth.State state = tracker.health().state();
            if (state == WalHealth.State.CLOSED) {
                return;
            }
            IOException failure = null;
            try {
                if (state == WalHealth.State.SEGMENT_FAILED) {
                    recoverLocked();
                } else if (active.channel().isOpen()) {
                    syncNowLocked();
                }
            } catch (StrataException e) {
                failure = new IOException("WAL in " + dir + " closed without a final fsync: " + e.getMessage(), e);
                if (options.syncMode() == SyncMode.ALWAYS) {
                    // nothing after the durable point was acknowledged: do not let replay see it
                    try {
                        active.truncate(offsetOf(tracker.durable()));
                    } catch (IOException truncateFailure) {
                        failure.addSuppressed(truncateFailure);
                    }
                }
            }
            tracker.closed(clock.instant());
            try {
                active.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            writeLock.unlock();
        }
    }

    private static void closeQuietly(ActiveSegment segment) {
        try {
            segment.close();
        } catch (IOException e) {
            log.warn("WAL could not close segment {}", segment.path, e);
        }
    }

    private void deleteQuietly(Path path) {
        try {
            files.deleteRecursively(path);
        } catch (IOException e) {
            log.warn("WAL could not remove {}; remove it by hand if it stays empty", path, e);
        }
    }
}
