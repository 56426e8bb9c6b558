package io.strata.tsdb.wal;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import java.time.Instant;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How far the log is durable, the WAL's health, and the waiting of group commit.
 *
 * <p>Positions are {@code segment << 32 | offset}, ordered like the log. An appender that must
 * wait for durability notes the <em>failure generation</em> (the number of segment failures so
 * far) before it writes, then waits here. It succeeds when the durable position passes its record
 * in the same generation, or when the failure that ended its generation happened after its record
 * was already durable; any other outcome is a failure. That matters because recovery moves the
 * durable position into a new segment while the records after the failure point in the failed
 * segment are thrown away: a plain position comparison would report them durable.
 *
 * <p>The sync thread sleeps here between fsyncs; waiting appenders wake it up. While it runs one
 * fsync, later appenders queue up, and the next fsync covers them all: that is the group commit.
 *
 * <p>Thread-safe; the lock is a leaf (nothing else is locked while holding it).
 */
final class DurabilityTracker {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final Condition workWanted = lock.newCondition();

    private volatile WalHealth health;
    private volatile long durable;
    // guarded by lock
    private long failures;
    private long durableAtLastFailure;
    private String lastFailureReason = "";
    private boolean syncRequested;
    private boolean stopping;

    DurabilityTracker(long durable, Instant now) {
        this.durable = durable;
        this.health = WalHealth.healthy(now);
    }

    WalHealth health() {
        return health;
    }

    long durable() {
        return durable;
    }

    /**
     * The failure generation to note before writing a record, or -1 when appends are refused
     * (a failed segment or a closed WAL). Read atomically with the health.
     */
    long appendGeneration() {
        lock.lock();
        try {
            return health.acceptsAppends() ? failures : -1;
        } finally {
            lock.unlock();
        }
    }

    /** An fsync (or a rotation) made everything up to {@code position} durable. */
    void advance(long position) {
        lock.lock();
        try {
            if (position > durable) {
                durable = position;
            }
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The active segment can no longer be trusted; returns whether the WAL was healthy before. */
    boolean segmentFailed(String reason, Instant now) {
        lock.lock();
        try {
            boolean wasHealthy = health.state() == WalHealth.State.HEALTHY;
            if (health.state() != WalHealth.State.CLOSED) {
                health = new WalHealth(WalHealth.State.SEGMENT_FAILED, reason, now);
            }
            failures++;
            durableAtLastFailure = durable;
            lastFailureReason = reason;
            advanced.signalAll();
            return wasHealthy;
        } finally {
            lock.unlock();
        }
    }

    /** A new reason for an existing segment failure (a recovery attempt failed too). */
    void refreshFailureReason(String reason) {
        lock.lock();
        try {
            if (health.state() == WalHealth.State.SEGMENT_FAILED) {
                health = new WalHealth(WalHealth.State.SEGMENT_FAILED, reason, health.since());
            }
        } finally {
            lock.unlock();
        }
    }

    /** A write failed but the segment is intact; returns whether the WAL was healthy before. */
    boolean writeFailed(String reason, Instant now) {
        lock.lock();
        try {
            WalHealth.State state = health.state();
            if (state == WalHealth.State.HEALTHY || state == WalHealth.State.WRITE_FAILED) {
                health = new WalHealth(WalHealth.State.WRITE_FAILED, reason,
                        state == WalHealth.State.HEALTHY ? now : health.since());
            }
            return state == WalHealth.State.HEALTHY;
        } finally {
            lock.unlock();
        }
    }

    /** A write (or a disk probe) succeeded; returns whether that ended a {@code WRITE_FAILED} state. */
    boolean writeSucceeded(Instant now) {
        if (health.state() != WalHealth.State.WRITE_FAILED) {
            return false; // the common case costs one volatile read
        }
        lock.lock();
        try {
            if (health.state() != WalHealth.State.WRITE_FAILED) {
                return false;
            }
            health = WalHealth.healthy(now);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Recovery made a new segment durable up to {@code position}. */
    void recovered(long position, Instant now) {
        lock.lock();
        try {
            durable = Math.max(durable, position);
            if (health.state() != WalHealth.State.CLOSED) {
                health = WalHealth.healthy(now);
            }
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Final state: waiters whose record is not durable yet fail. */
    void closed(Instant now) {
        lock.lock();
        try {
            health = new WalHealth(WalHealth.State.CLOSED, "WAL is closed", now);
            stopping = true;
            advanced.signalAll();
            workWanted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Blocks until the record ending at {@code end}, written in failure generation
     * {@code generation}, is durable.
     *
     * @throws StrataException {@code UNAVAILABLE} when an fsync failed before the record was
     *     durable or the WAL closed; {@code CANCELED} when the thread is interrupted
     */
    void awaitDurable(long end, long generation) {
        lock.lock();
        try {
            while (true) {
                if (failures == generation) {
                    if (durable >= end) {
                        return;
                    }
                    if (health.state() == WalHealth.State.CLOSED) {
                        throw new StrataException(ErrorCode.UNAVAILABLE, "WAL closed before the record was fsynced");
                    }
                } else if (failures == generation + 1 && durableAtLastFailure >= end) {
                    return;
                } else {
                    throw new StrataException(ErrorCode.UNAVAILABLE, lastFailureReason);
                }
                syncRequested = true;
                workWanted.signal();
                advanced.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.CANCELED,
                    "interrupted while waiting for the WAL fsync; the record may or may not be durable", e);
        } finally {
            lock.unlock();
        }
    }

    /** Asks the sync thread to run now. */
    void requestSync() {
        lock.lock();
        try {
            syncRequested = true;
            workWanted.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * For the sync thread: waits until a sync is requested or {@code intervalNanos} pass.
     * Returns false when the thread should stop.
     */
    boolean awaitWork(long intervalNanos) {
        lock.lock();
        try {
            long remaining = intervalNanos;
            while (!syncRequested && !stopping && remaining > 0) {
                remaining = workWanted.awaitNanos(remaining);
            }
            syncRequested = false;
            return !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Tells the sync thread to finish. */
    void stopSyncThread() {
        lock.lock();
        try {
            stopping = true;
            workWanted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    static long position(int segment, long offset) {
        return ((long) segment << 32) | offset;
    }

    static int segmentOf(long position) {
        return (int) (position >>> 32);
    }

    static long offsetOf(long position) {
        return position & 0xFFFFFFFFL;
    }
}
