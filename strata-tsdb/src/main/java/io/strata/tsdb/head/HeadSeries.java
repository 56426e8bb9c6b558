package io.strata.tsdb.head;

import io.strata.encoding.chunk.Chunks;
import io.strata.model.Labels;
import io.strata.storage.SampleCursor;
import io.strata.tsdb.block.Tombstones;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

/**
 * One series of the head (Prometheus's {@code memSeries}).
 *
 * <pre>
 *   closed chunks (off heap, in {@link HeadChunkFiles})        open chunk (heap)   out-of-order
 *   ┌──────────┬──────────┬──────────┐                        ┌──────────────┐   ┌──────────┐
 *   │   ref    │   ref    │   ref    │ ──── oldest to newest ─▶│  OpenChunk   │   │ sorted   │
 *   └──────────┴──────────┴──────────┘                        └──────────────┘   │ samples  │
 *                                                                                └──────────┘
 * </pre>
 *
 * Chunks never cross a multiple of the block duration, so cutting a block at such a boundary
 * takes whole chunks. In-order samples ({@code t > maxTime}) go to the open chunk; older ones
 * inside the out-of-order window go to the out-of-order buffer.
 *
 * <p>Locking: {@link #ref} and {@link #labels} are final and read without a lock; the pin count and
 * the removed flag are atomics (see {@link #tryPin()}); {@code maxTime} is written under the lock
 * and may also be read without it ({@link #maxTimeRacy()}). Everything else is guarded by this
 * object's monitor ({@code synchronized (series)}): a per-series lock
 * costs no memory this way, where a {@code ReentrantLock} would cost about 48 bytes a series.
 * Methods named {@code ...Locked} expect the caller to hold the monitor.
 */
final class HeadSeries {
    private static final long[] NO_CHUNKS = new long[0];

    /** Immutable; readable without the lock. */
    final long ref;
    /**
     * The labels as ids of {@link HeadSymbols} (name, value, name, value...); immutable, readable
     * without the lock. {@link HeadSymbols#labels} turns them back into {@link Labels}.
     */
    final int[] symbols;

    /** The chunk being appended to, or null. */
    private OpenChunk open;
    /**
     * Refs of the closed chunks, oldest first; {@link #closedCount} used. Their min times are read
     * from the chunk files ({@link HeadChunkFiles#minTime}) rather than kept here: 8 bytes a chunk
     * on the heap instead of 16.
     */
    private long[] closed = NO_CHUNKS;
    private int closedCount;
    /** Newest accepted timestamp; survives truncation so late samples are judged against it. */
    private long maxTime = Long.MIN_VALUE;
    /** Value at {@link #maxTime}, to tell a resent sample (same value) from a conflict. */
    private double maxTimeValue;
    private OutOfOrderBuffer outOfOrder;
    /** Deleted intervals as (min, max) pairs, or null; applied when reading. */
    private long[] tombstones;
    /**
     * Runs of samples of this series that appenders hold but have not committed or rolled back.
     * Changed with atomic operations, without the lock: see {@link #tryPin()}.
     */
    @SuppressWarnings("unused") // accessed through PINS
    private int pins;
    /** Set (volatile, through REMOVED) when the series leaves the registry. */
    @SuppressWarnings("unused") // accessed through REMOVED
    private boolean removed;
    /** Whether the series is in the head index; set with its first applied sample, under the lock. */
    boolean indexed;
    /** Whether a SERIES record for this ref is in the WAL; set after the write succeeded. */
    volatile boolean walLogged;

    HeadSeries(long ref, int[] symbols) {
        this.ref = ref;
        this.symbols = symbols;
    }

    private static final VarHandle PINS;
    private static final VarHandle REMOVED;
    private static final VarHandle MAX_TIME;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            PINS = lookup.findVarHandle(HeadSeries.class, "pins", int.class);
            REMOVED = lookup.findVarHandle(HeadSeries.class, "removed", boolean.class);
            MAX_TIME = lookup.findVarHandle(HeadSeries.class, "maxTime", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    long maxTimeLocked() {
        return maxTime;
    }

    double maxTimeValueLocked() {
        return maxTimeValue;
    }

    /**
     * The newest accepted timestamp, read without the lock (atomically, possibly stale). An
     * appender uses it to accept the common in-order sample without locking; the commit checks
     * again under the lock.
     */
    long maxTimeRacy() {
        return (long) MAX_TIME.getOpaque(this);
    }

    /**
     * Announces that an appender will apply samples to this series at commit, so a cleanup must
     * not remove it meanwhile. Fails when the series was removed; the appender then looks its
     * labels up again. Lock-free: the pin and the cleanup's removal flag are both written before
     * the other side is read (sequentially consistent atomics), so at least one of them sees the
     * other and backs off.
     */
    boolean tryPin() {
        PINS.getAndAdd(this, 1);
        if ((boolean) REMOVED.getVolatile(this)) {
            PINS.getAndAdd(this, -1);
            return false;
        }
        return true;
    }

    void unpin() {
        PINS.getAndAdd(this, -1);
    }

    boolean isRemoved() {
        return (boolean) REMOVED.getVolatile(this);
    }

    /**
     * Marks the series removed if nothing of it is left in the head, its newest sample is older
     * than {@code before}, and no appender pinned it. Called by the cleanup under the lock.
     */
    boolean tryRemoveLocked(long before) {
        if (!isIdleLocked() || maxTime >= before || isRemoved()) {
            return false;
        }
        REMOVED.setVolatile(this, true);
        if ((int) PINS.getVolatile(this) != 0) {
            REMOVED.setVolatile(this, false); // an appender got here first
            return false;
        }
        return true;
    }

    /** Whether nothing of the series is left in the head. */
    boolean isIdleLocked() {
        return open == null && closedCount == 0 && (outOfOrder == null || outOfOrder.size() == 0);
    }

    /** Outcome of {@link #checkLocked} and {@link #appendLocked}. */
    static final int ACCEPT = 0;
    /** The very same sample is already stored; accepting it changes nothing. */
    static final int ALREADY_STORED = 1;
    static final int OUT_OF_ORDER = 2;
    static final int DUPLICATE = 3;

    /**
     * Whether {@code (t, v)} may be appended, judged against what the series holds.
     *
     * @param window how far behind {@link #maxTime} a sample may be (ms)
     */
    int checkLocked(long t, double v, long window, HeadChunkFiles chunks) {
        if (t > maxTime) {
            return ACCEPT;
        }
        if (t == maxTime) {
            return sameBits(v, maxTimeValue) ? ALREADY_STORED : DUPLICATE;
        }
        if (maxTime - t > window) {
            return OUT_OF_ORDER;
        }
        if (outOfOrder != null) {
            int i = outOfOrder.find(t);
            if (i >= 0) {
                return sameBits(v, outOfOrder.value(i)) ? ALREADY_STORED : DUPLICATE;
            }
            if (outOfOrder.size() >= OutOfOrderBuffer.MAX_SAMPLES) {
                return OUT_OF_ORDER;
            }
        }
        SampleCursor c = chunkCursorAt(t, chunks);
        if (c != null) {
            return sameBits(v, c.value()) ? ALREADY_STORED : DUPLICATE;
        }
        return ACCEPT;
    }

    /**
     * Appends {@code (t, v)} after re-checking it (another appender may have committed since
     * {@code append} checked). Returns one of the check results; only {@link #ACCEPT} changed
     * anything.
     */
    int appendLocked(long t, double v, long window, HeadChunkFiles chunks, ChunkShape shape) {
        int verdict = checkLocked(t, v, window, chunks);
        if (verdict != ACCEPT) {
            return verdict;
        }
        if (t > maxTime) {
            appendInOrder(t, v, chunks, shape);
            MAX_TIME.setOpaque(this, t);
            maxTimeValue = v;
        } else {
            if (outOfOrder == null) {
                outOfOrder = new OutOfOrderBuffer();
            }
            outOfOrder.insert(t, v);
        }
        return ACCEPT;
    }

    private void appendInOrder(long t, double v, HeadChunkFiles chunks, ChunkShape shape) {
        if (open != null) {
            if (open.append(t, v, shape.maxSamples(), shape.maxBytes())) {
                return;
            }
            closeOpenChunk(chunks);
        }
        open = new OpenChunk(t, v, shape.rangeEnd(t));
    }

    /** Moves the open chunk to the closed list, i.e. off the heap. */
    void closeOpenChunk(HeadChunkFiles chunks) {
        if (open == null) {
            return;
        }
        long chunkRef = chunks.write(open.toChunk(), open.minTime());
        if (closedCount == closed.length) {
            closed = Arrays.copyOf(closed, Math.max(2, closed.length + (closed.length >> 1) + 1));
        }
        closed[closedCount] = chunkRef;
        closedCount++;
        open = null;
    }

    /** A cursor positioned on the stored sample at exactly {@code t}, or null. Slow path. */
    private SampleCursor chunkCursorAt(long t, HeadChunkFiles chunks) {
        if (open != null && t >= open.minTime()) {
            SampleCursor c = open.view().cursor(null);
            return c.seek(t) != SampleCursor.NONE && c.timestamp() == t ? c : null;
        }
        for (int i = closedCount - 1; i >= 0; i--) {
            if (chunks.minTime(closed[i]) <= t) {
                SampleCursor c = Chunks.cursor(chunks.read(closed[i]), null);
                return c.seek(t) != SampleCursor.NONE && c.timestamp() == t ? c : null;
            }
        }
        return null;
    }

    /**
     * Oldest timestamp the head holds for this series, or {@code Long.MAX_VALUE} when none.
     */
    long minTimeLocked(HeadChunkFiles chunks) {
        long min = Long.MAX_VALUE;
        if (closedCount > 0) {
            min = chunks.minTime(closed[0]);
        } else if (open != null) {
            min = open.minTime();
        }
        if (outOfOrder != null && outOfOrder.size() > 0) {
            min = Math.min(min, outOfOrder.minTime());
        }
        return min;
    }

    /** Newest timestamp the head holds for this series, or {@code Long.MIN_VALUE} when none. */
    long headMaxTimeLocked() {
        if (open != null) {
            return open.maxTime();
        }
        long max = Long.MIN_VALUE;
        if (closedCount > 0) {
            max = maxTime; // the last closed chunk ends at maxTime unless out-of-order samples follow
        }
        if (outOfOrder != null && outOfOrder.size() > 0) {
            max = Math.max(max, outOfOrder.maxTime());
        }
        return max;
    }

    int chunkCountLocked() {
        return closedCount + (open == null ? 0 : 1);
    }

    /**
     * What a reader needs to iterate the samples in {@code [mint, maxt]}, captured under the lock:
     * views of the closed chunks that may overlap, a cursor over the open chunk as it is now, and
     * copies of the out-of-order samples and tombstones. Null when nothing overlaps.
     */
    SeriesSnapshot snapshotLocked(long mint, long maxt, HeadChunkFiles chunks) {
        long min = minTimeLocked(chunks);
        long max = Math.max(headMaxTimeLocked(), open == null && closedCount == 0 ? Long.MIN_VALUE : maxTime);
        if (min == Long.MAX_VALUE || min > maxt || max < mint) {
            return null;
        }
        if (tombstones != null && Tombstones.covers(tombstones, Math.max(min, mint), Math.min(max, maxt))) {
            return null;
        }
        int from = -1;
        int to = -1;
        long nextMin = 0;
        for (int i = 0; i < closedCount; i++) {
            long chunkMin = i == 0 ? chunks.minTime(closed[0]) : nextMin;
            nextMin = i + 1 < closedCount ? chunks.minTime(closed[i + 1]) : open != null ? open.minTime() : maxTime + 1;
            long chunkEnd = nextMin - 1;
            if (chunkMin <= maxt && chunkEnd >= mint) {
                if (from < 0) {
                    from = i;
                }
                to = i;
            }
        }
        boolean openOverlaps = open != null && open.minTime() <= maxt && open.maxTime() >= mint;
        int closedInRange = from < 0 ? 0 : to - from + 1;
        java.lang.foreign.MemorySegment[] segments = new java.lang.foreign.MemorySegment[closedInRange];
        for (int i = 0; i < closedInRange; i++) {
            segments[i] = chunks.read(closed[from + i]);
        }
        // Bits the reader sees stay as they are while appends go on, so no copy is needed.
        OpenChunk.OpenStream openView = openOverlaps ? open.view() : null;
        OutOfOrderBuffer ooo = outOfOrder != null && outOfOrder.size() > 0 ? outOfOrder.copyRange(mint, maxt) : null;
        if (ooo != null && ooo.size() == 0) {
            ooo = null;
        }
        if (segments.length == 0 && openView == null && ooo == null) {
            return null;
        }
        return new SeriesSnapshot(segments, openView, ooo, tombstones == null ? null : tombstones.clone(), mint, maxt);
    }

    /**
     * First step of a block cut at {@code boundary} (a multiple of the block duration): closes the
     * open chunk if it lies before the boundary and returns what lies before it, leaving the series
     * unchanged otherwise so readers keep seeing the samples until the block is published. Null when
     * nothing lies before the boundary.
     */
    CutPart collectForCutLocked(long boundary, HeadChunkFiles chunks, HeadSymbols symbolTable) {
        if (open != null && open.minTime() < boundary) {
            closeOpenChunk(chunks);
        }
        int k = 0;
        while (k < closedCount && chunks.minTime(closed[k]) < boundary) {
            k++;
        }
        OutOfOrderBuffer ooo = null;
        if (outOfOrder != null && outOfOrder.size() > 0 && outOfOrder.minTime() < boundary) {
            ooo = outOfOrder.copyRange(Long.MIN_VALUE, boundary - 1);
        }
        if (k == 0 && ooo == null) {
            return null;
        }
        long[] chunkRefs = new long[k];
        long[] chunkMinTimes = new long[k];
        java.lang.foreign.MemorySegment[] segments = new java.lang.foreign.MemorySegment[k];
        for (int i = 0; i < k; i++) {
            chunkRefs[i] = closed[i];
            chunkMinTimes[i] = chunks.minTime(closed[i]);
            segments[i] = chunks.read(chunkRefs[i]);
        }
        return new CutPart(this, symbolTable.labels(symbols), chunkRefs, chunkMinTimes, segments, ooo, tombstones == null ? null : tombstones.clone());
    }

    /**
     * Last step of a block cut, after the block is readable: drops the chunks and out-of-order
     * samples that {@code part} took. Chunks closed since were appended after them, so they are the
     * first {@code part.chunkCount()} of the list.
     */
    void truncateLocked(CutPart part, long boundary, HeadChunkFiles chunks) {
        int k = part.chunkRefs().length;
        for (int i = 0; i < k; i++) {
            if (closed[i] != part.chunkRefs()[i]) {
                throw new IllegalStateException("BUG: head chunks of series " + ref + " changed during a cut");
            }
            chunks.release(closed[i]);
        }
        System.arraycopy(closed, k, closed, 0, closedCount - k);
        closedCount -= k;
        Arrays.fill(closed, closedCount, closed.length, 0);
        if (closedCount == 0) {
            closed = NO_CHUNKS;
        }
        if (part.outOfOrder() != null && outOfOrder != null) {
            OutOfOrderBuffer taken = part.outOfOrder();
            for (int i = 0; i < taken.size(); i++) {
                outOfOrder.remove(taken.timestamp(i));
            }
            if (outOfOrder.size() == 0) {
                outOfOrder = null;
            }
        }
        if (tombstones != null) {
            tombstones = Tombstones.trimBefore(tombstones, boundary);
        }
    }

    /** Records a deleted interval; samples in it disappear from reads and from blocks cut later. */
    void deleteLocked(long min, long max) {
        tombstones = Tombstones.addInterval(tombstones, min, max);
    }

    /** Approximate heap bytes of this series, its labels and its open chunk. */
    long retainedBytesLocked() {
        long bytes = 80 + 16 + 4L * symbols.length; // this object; the label ids
        if (closed != NO_CHUNKS) {
            bytes += 16 + 8L * closed.length;
        }
        if (open != null) {
            bytes += open.retainedBytes();
        }
        if (outOfOrder != null) {
            bytes += outOfOrder.retainedBytes();
        }
        if (tombstones != null) {
            bytes += 16 + 8L * tombstones.length;
        }
        return bytes;
    }

    private static boolean sameBits(double a, double b) {
        return Double.doubleToRawLongBits(a) == Double.doubleToRawLongBits(b);
    }
}
