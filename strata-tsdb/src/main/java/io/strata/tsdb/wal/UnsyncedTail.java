package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalFormat.FRAME_HEADER_BYTES;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/**
 * An in-memory copy of the active segment's bytes that no fsync has covered yet, and the staging
 * buffer every frame is assembled in before it is written.
 *
 * <pre>
 * segment:  [header | durable frames ........ | unsynced frames ....... ]
 *                                              ^ startOffset            ^ startOffset + size
 * buffer:                                     [ copy of those bytes     ]
 * </pre>
 *
 * After a failed fsync the kernel may have dropped those pages while still showing them to
 * reads, so the copy is the only trustworthy version: recovery rewrites it into a new segment
 * (see DESIGN.md). Frames are staged here, then written from here, so the copy costs no extra
 * pass; the buffer is direct so the write needs no JDK-internal copy either.
 *
 * <p>Not thread-safe: used under the writer's lock. The prefix that became durable is dropped
 * lazily, at the next append, so the sync thread never touches this class.
 */
final class UnsyncedTail {
    /**
     * When the unsynced bytes would exceed {@code min(this, segment size / 2)}, the appender fsyncs
     * before writing: that bounds both this buffer and what a power loss can take when the
     * interval fsyncs fall behind (a slow disk, a burst). Rotation fsyncs anyway, so the bound
     * only matters for large segments.
     */
    static final int MAX_UNSYNCED_BYTES = 64 << 20;

    static long unsyncedLimit(long segmentSizeBytes) {
        return Math.min(MAX_UNSYNCED_BYTES, segmentSizeBytes / 2);
    }

    private static final int INITIAL_CAPACITY = 64 << 10;

    private final CRC32C crc = new CRC32C();
    private ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
    private long startOffset;
    private int size;

    UnsyncedTail(long startOffset) {
        this.startOffset = startOffset;
    }

    /** Forgets everything: a new segment starts at {@code offset}, or all was made durable. */
    void reset(long offset) {
        startOffset = offset;
        size = 0;
    }

    /** Drops the bytes before segment offset {@code durableOffset}, which an fsync now covers. */
    void discardBefore(long durableOffset) {
        if (durableOffset <= startOffset) {
            return;
        }
        int drop = (int) Math.min(size, durableOffset - startOffset);
        buffer.clear(); // absolute bulk puts check against the limit a previous stage() left
        // Same-buffer bulk put behaves as if copied through a temporary, so overlap is fine.
        buffer.put(0, buffer, drop, size - drop);
        size -= drop;
        startOffset += drop;
    }

    int size() {
        return size;
    }

    long startOffset() {
        return startOffset;
    }

    /**
     * Appends a frame for {@code record}'s bytes {@code [0, length)} and returns this buffer
     * positioned on the frame, ready to be written (the caller may consume it).
     */
    ByteBuffer stage(ByteBuffer record, int length) {
        int frameLength = FRAME_HEADER_BYTES + length;
        ensureCapacity((long) size + frameLength);
        buffer.clear(); // absolute bulk puts check against the limit a previous stage() left
        int payloadStart = size + FRAME_HEADER_BYTES;
        buffer.put(payloadStart, record, 0, length);
        buffer.limit(payloadStart + length).position(payloadStart);
        crc.reset();
        crc.update(buffer);
        WalFormat.putFrameHeader(buffer, size, length, (int) crc.getValue());
        buffer.limit(size + frameLength).position(size);
        size += frameLength;
        return buffer;
    }

    /** Removes the last staged frame, whose write failed. */
    void unstage(int frameLength) {
        size -= frameLength;
    }

    /** The unsynced bytes from segment offset {@code from} on, as a fresh view (for rewriting them). */
    ByteBuffer bytesFrom(long from) {
        int at = (int) Math.max(0, from - startOffset);
        return buffer.duplicate().limit(size).position(at);
    }

    /**
     * Replaces the buffer with a small one when it holds nothing and has grown: under load it
     * grows to about one sync interval of WAL bytes (tens of MB of direct memory at a million
     * samples a second), which an idle server should not keep. Returns whether it shrank.
     */
    boolean shrinkIfEmpty() {
        if (size > 0 || buffer.capacity() <= INITIAL_CAPACITY) {
            return false;
        }
        buffer = ByteBuffer.allocateDirect(INITIAL_CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
        return true;
    }

    int capacity() {
        return buffer.capacity();
    }

    private void ensureCapacity(long needed) {
        if (needed <= buffer.capacity()) {
            return;
        }
        long capacity = Math.max(needed, Math.min(Integer.MAX_VALUE - 8, 2L * buffer.capacity()));
        ByteBuffer bigger = ByteBuffer.allocateDirect((int) capacity).order(ByteOrder.LITTLE_ENDIAN);
        bigger.put(0, buffer.clear(), 0, size);
        buffer = bigger;
    }
}
