package io.strata.tsdb.head;

import io.strata.tsdb.fs.StorageFiles;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the head keeps its closed chunks: off the Java heap, in segment files written with plain
 * writes and read through read-only memory maps (Prometheus's {@code chunks_head}). Format in
 * {@code docs/format/head-chunks.md}.
 *
 * <p>Why files and not off-heap arenas: a page written with {@code write} sits in the page
 * cache, which the kernel may drop or write back under pressure and which does not count as the
 * process's resident memory; an arena page is anonymous memory that stays resident. Closed chunks
 * are read only by queries and block cuts, so paying a page-cache read for them is the right
 * trade for a head of well under a kilobyte per series.
 *
 * <p>These files are scratch space, not a recovery source: the WAL is. They are deleted at
 * start-up and rebuilt by WAL replay, which keeps recovery to one mechanism.
 *
 * <p>A chunk ref packs the segment number (high 32 bits) and the offset of the chunk's record
 * (low 32 bits). The record keeps the chunk's min time beside it, so series need not. Segment 0 is never a file: when a write fails (disk full), the chunk is
 * kept on the heap under a segment-0 ref instead, so an IO error costs memory, never data (the
 * samples are in the WAL already). A segment file is deleted when its last chunk is released and
 * it is no longer the one written to. Maps use automatic arenas: a query that still reads a
 * released chunk keeps its mapping alive, and the unmap happens when the garbage collector finds
 * the segment unreachable, which needs no reference counting on the read path.
 *
 * <p>Thread-safe: writes are serialised on this object (one small positional write per closed
 * chunk), reads are lock-free.
 */
final class HeadChunkFiles implements AutoCloseable {
    static final String DIR_NAME = "chunks_head";
    /** "STHC" big-endian: Strata head chunks. */
    static final int MAGIC = 0x53544843;
    static final int VERSION = 1;
    static final int HEADER_BYTES = 8;
    private static final Logger LOG = LoggerFactory.getLogger(HeadChunkFiles.class);
    private static final ValueLayout.OfInt INT_LE =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Chunk length (4 bytes) and min time (8 bytes) before each chunk. */
    static final int RECORD_HEADER_BYTES = 12;

    private final Path dir;
    private final StorageFiles files;
    private final long segmentSize;
    /** Segments by number; replaced copy-on-write under the monitor, read without a lock. */
    private volatile Segment[] segments = new Segment[8];
    private Segment active;
    private int nextSegment = 1;
    private final Long2ObjectOpenHashMap<byte[]> onHeap = new Long2ObjectOpenHashMap<>();
    private long nextHeapRef = 1;
    private final AtomicLong heapBytes = new AtomicLong();
    private final AtomicLong fileBytes = new AtomicLong();
    private final AtomicLong writeFailures = new AtomicLong();
    private boolean closed;

    private static final class Segment {
        final int number;
        final Path path;
        final FileChannel channel;
        final MemorySegment map;
        long writePos = HEADER_BYTES;
        final AtomicInteger live = new AtomicInteger();
        volatile boolean sealed;

        Segment(int number, Path path, FileChannel channel, MemorySegment map) {
            this.number = number;
            this.path = path;
            this.channel = channel;
            this.map = map;
        }
    }

    /** Opens the directory {@code parent/chunks_head}, deleting what an earlier run left there. */
    HeadChunkFiles(Path parent, StorageFiles files, long segmentSize) throws IOException {
        this.dir = parent.resolve(DIR_NAME);
        this.files = files;
        this.segmentSize = segmentSize;
        files.deleteRecursively(dir);
        files.createDirectories(dir);
    }

    /**
     * Stores a finished chunk whose first sample is at {@code minTime} and returns its ref. Never
     * fails: see the class comment.
     */
    synchronized long write(byte[] chunk, long minTime) {
        if (!closed) {
            try {
                return writeToFile(chunk, minTime);
            } catch (IOException e) {
                long failures = writeFailures.incrementAndGet();
                if (failures == 1 || Long.bitCount(failures) == 1) {
                    LOG.warn("cannot write a closed head chunk to {} ({} failures so far); keeping it on the heap",
                            dir, failures, e);
                }
                active = null; // start a fresh segment next time; the failed one may be torn
            }
        }
        long ref = nextHeapRef++;
        byte[] record = new byte[8 + chunk.length];
        ByteBuffer.wrap(record).order(ByteOrder.LITTLE_ENDIAN).putLong(minTime).put(chunk);
        onHeap.put(ref, record);
        heapBytes.addAndGet(record.length + 16);
        return ref;
    }

    private long writeToFile(byte[] chunk, long minTime) throws IOException {
        int need = RECORD_HEADER_BYTES + chunk.length;
        if (active == null || active.writePos + need > segmentSize) {
            roll();
        }
        ByteBuffer buf = ByteBuffer.allocate(need).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(chunk.length).putLong(minTime).put(chunk).flip();
        long pos = active.writePos;
        while (buf.hasRemaining()) {
            active.channel.write(buf, pos + buf.position());
        }
        active.writePos += need;
        active.live.incrementAndGet();
        fileBytes.addAndGet(need);
        return ((long) active.number << 32) | pos;
    }

    private void roll() throws IOException {
        Segment old = active;
        int number = nextSegment++;
        Path path = dir.resolve(String.format("%06d", number));
        FileChannel ch = files.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            header.putInt(MAGIC).putInt(VERSION).flip();
            ch.write(header, 0);
            // A sparse file of the full size, so one map covers every later write.
            ch.write(ByteBuffer.allocate(1), segmentSize - 1);
            MemorySegment map = files.mapReadOnly(path, segmentSize, Arena.ofAuto());
            Segment s = new Segment(number, path, ch, map);
            Segment[] all = segments;
            if (number >= all.length) {
                all = java.util.Arrays.copyOf(all, Math.max(all.length * 2, number + 1));
            } else {
                all = all.clone();
            }
            all[number] = s;
            segments = all;
            active = s;
        } catch (IOException | RuntimeException e) {
            try {
                ch.close();
                files.deleteRecursively(path);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        if (old != null) {
            old.sealed = true;
            deleteIfUnused(old);
        }
    }

    /**
     * The bytes of chunk {@code ref}: a view into a map (valid as long as the caller holds it) or
     * the heap copy.
     */
    MemorySegment read(long ref) {
        int number = (int) (ref >>> 32);
        if (number == 0) {
            byte[] b;
            synchronized (this) {
                b = onHeap.get(ref);
            }
            if (b == null) {
                throw new IllegalStateException("BUG: head chunk ref " + ref + " was released");
            }
            return MemorySegment.ofArray(b).asSlice(8);
        }
        Segment s = segments[number];
        long pos = ref & 0xffff_ffffL;
        int len = s.map.get(INT_LE, pos);
        return s.map.asSlice(pos + RECORD_HEADER_BYTES, len);
    }

    /** Timestamp of the first sample of chunk {@code ref}: one read, no parsing. */
    long minTime(long ref) {
        int number = (int) (ref >>> 32);
        if (number == 0) {
            byte[] b;
            synchronized (this) {
                b = onHeap.get(ref);
            }
            if (b == null) {
                throw new IllegalStateException("BUG: head chunk ref " + ref + " was released");
            }
            return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong(0);
        }
        return segments[number].map.get(LONG_LE, (ref & 0xffff_ffffL) + 4);
    }

    /** Forgets chunk {@code ref}; its segment file goes when it was the last one in use. */
    void release(long ref) {
        int number = (int) (ref >>> 32);
        if (number == 0) {
            synchronized (this) {
                byte[] b = onHeap.remove(ref);
                if (b != null) {
                    heapBytes.addAndGet(-(b.length + 16));
                }
            }
            return;
        }
        Segment s = segments[number];
        long pos = ref & 0xffff_ffffL;
        fileBytes.addAndGet(-(RECORD_HEADER_BYTES + s.map.get(INT_LE, pos)));
        if (s.live.decrementAndGet() == 0) {
            synchronized (this) {
                if (!s.sealed && active == s && s.live.get() == 0) {
                    // The segment being written holds nothing any more (a block cut or flush took
                    // every chunk): seal it so its file goes now; the next write starts a new one.
                    // Without this a flushed head kept up to a whole segment of dead chunks on disk.
                    s.sealed = true;
                    active = null;
                }
                if (s.sealed) {
                    deleteIfUnused(s);
                }
            }
        }
    }

    private void deleteIfUnused(Segment s) {
        if (s.live.get() != 0 || segments[s.number] != s) {
            return;
        }
        Segment[] all = segments.clone();
        all[s.number] = null;
        segments = all;
        try {
            s.channel.close();
            files.deleteRecursively(s.path);
        } catch (IOException e) {
            LOG.warn("cannot delete unused head chunk segment {}", s.path, e);
        }
    }

    /** Bytes of live chunks in files (page cache, not heap). */
    long fileBytes() {
        return fileBytes.get();
    }

    /** Bytes of chunks kept on the heap because a file write failed. */
    long heapBytes() {
        return heapBytes.get();
    }

    long writeFailures() {
        return writeFailures.get();
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        for (Segment s : segments) {
            if (s == null) {
                continue;
            }
            try {
                s.channel.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
