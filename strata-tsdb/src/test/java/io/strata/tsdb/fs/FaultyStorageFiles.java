package io.strata.tsdb.fs;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * {@link StorageFiles} that fails on command, for crash and fault tests (QuestDB's faulty
 * {@code FilesFacade}, Lucene's cranky codec). Wraps a real implementation; every fault is off
 * until a test switches it on, and {@link #clearFaults()} switches all off.
 *
 * <ul>
 *   <li>{@link #failWritesAfter(long)}: a byte budget shared by all channels; the write that
 *       crosses it is short (writes what fits), the next throws "No space left on device", as
 *       Linux does when a disk fills up.
 *   <li>{@link #failFsyncs(int)} / {@link #failAllFsyncs()}: file fsyncs throw an I/O error.
 *   <li>{@link #failTruncates(boolean)}, {@link #failShrinkingTruncates(boolean)},
 *       {@link #failRenames(boolean)}, {@link #failOpens(Predicate)}.
 *   <li>{@link #skipRealFsync(boolean)} and {@link #fsyncDelay(Duration)} change timing only.
 * </ul>
 * It also counts fsyncs and remembers, per file, how many bytes the last successful fsync covered
 * (the file size when it started), so tests can check durability claims.
 */
public final class FaultyStorageFiles implements StorageFiles {
    public static final String DISK_FULL = "No space left on device";
    public static final String IO_ERROR = "Input/output error";

    private final StorageFiles delegate;
    private final AtomicLong writeBudget = new AtomicLong(Long.MAX_VALUE);
    private final AtomicInteger fsyncFailuresLeft = new AtomicInteger();
    private volatile boolean interruptNextWrite;
    private volatile boolean failTruncates;
    private volatile boolean failShrinkingTruncates;
    private volatile boolean failRenames;
    private volatile Predicate<Path> failOpens = path -> false;
    private volatile boolean skipRealFsync;
    private volatile long fsyncDelayNanos;
    private final AtomicLong fsyncs = new AtomicLong();
    private final AtomicLong writeCalls = new AtomicLong();
    private final Map<Path, Long> fsyncedBytes = new ConcurrentHashMap<>();

    public FaultyStorageFiles(StorageFiles delegate) {
        this.delegate = delegate;
    }

    public FaultyStorageFiles() {
        this(OsStorageFiles.INSTANCE);
    }

    /** Lets {@code bytes} more bytes be written, then fails writes with "No space left on device". */
    public FaultyStorageFiles failWritesAfter(long bytes) {
        writeBudget.set(bytes);
        return this;
    }

    /** The next {@code count} file fsyncs fail with an I/O error. */
    public FaultyStorageFiles failFsyncs(int count) {
        fsyncFailuresLeft.set(count);
        return this;
    }

    /** Every file fsync fails until {@link #clearFaults()}. */
    public FaultyStorageFiles failAllFsyncs() {
        return failFsyncs(Integer.MAX_VALUE);
    }

    /**
     * The next write behaves as if its thread had been interrupted: the JDK closes the channel and
     * throws {@code ClosedByInterruptException} (without setting the interrupt flag of the test thread).
     */
    public FaultyStorageFiles interruptNextWrite() {
        interruptNextWrite = true;
        return this;
    }

    public FaultyStorageFiles failTruncates(boolean fail) {
        failTruncates = fail;
        return this;
    }

    /**
     * Truncates that would remove bytes fail; those to the current size or beyond still work. Lets
     * a test fail the cut of a file's tail while a no-op truncate on the same path succeeds.
     */
    public FaultyStorageFiles failShrinkingTruncates(boolean fail) {
        failShrinkingTruncates = fail;
        return this;
    }

    public FaultyStorageFiles failRenames(boolean fail) {
        failRenames = fail;
        return this;
    }

    /** Opening a path that matches fails with an I/O error. */
    public FaultyStorageFiles failOpens(Predicate<Path> matching) {
        failOpens = matching;
        return this;
    }

    /** Fsyncs are counted but not performed: for tests that write a lot and test no power loss. */
    public FaultyStorageFiles skipRealFsync(boolean skip) {
        skipRealFsync = skip;
        return this;
    }

    /** Every file fsync takes at least this long, so that concurrent committers pile up. */
    public FaultyStorageFiles fsyncDelay(Duration delay) {
        fsyncDelayNanos = delay.toNanos();
        return this;
    }

    /** Switches every fault off (timing options stay). */
    public FaultyStorageFiles clearFaults() {
        writeBudget.set(Long.MAX_VALUE);
        fsyncFailuresLeft.set(0);
        failTruncates = false;
        failShrinkingTruncates = false;
        failRenames = false;
        failOpens = path -> false;
        return this;
    }

    /** Successful file fsyncs so far. */
    public long fsyncCount() {
        return fsyncs.get();
    }

    /** Write calls on channels so far (failed ones included). */
    public long writeCalls() {
        return writeCalls.get();
    }

    /** Bytes of {@code path} that the last successful fsync covered, 0 when never fsynced. */
    public long fsyncedBytes(Path path) {
        return fsyncedBytes.getOrDefault(path.toAbsolutePath().normalize(), 0L);
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        if (failOpens.test(path)) {
            throw new IOException(path + ": " + IO_ERROR + " (injected open failure)");
        }
        return new FaultyChannel(delegate.open(path, options), path);
    }

    @Override
    public void fsync(FileChannel channel, Path path) throws IOException {
        long size = channel.size();
        if (fsyncFailuresLeft.getAndUpdate(n -> n > 0 && n != Integer.MAX_VALUE ? n - 1 : n) > 0) {
            throw new IOException(path + ": " + IO_ERROR + " (injected fsync failure)");
        }
        if (fsyncDelayNanos > 0) {
            try {
                Thread.sleep(Duration.ofNanos(fsyncDelayNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted during injected fsync delay", e);
            }
        }
        if (!skipRealFsync) {
            delegate.fsync(channel instanceof FaultyChannel f ? f.inner : channel, path);
        }
        fsyncs.incrementAndGet();
        fsyncedBytes.merge(path.toAbsolutePath().normalize(), size, Math::max);
    }

    @Override
    public void fsyncDirectory(Path directory) throws IOException {
        if (!skipRealFsync) {
            delegate.fsyncDirectory(directory);
        }
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        if (failRenames) {
            throw new IOException(source + " -> " + target + ": " + IO_ERROR + " (injected rename failure)");
        }
        delegate.rename(source, target);
    }

    @Override
    public void deleteRecursively(Path path) throws IOException {
        delegate.deleteRecursively(path);
        fsyncedBytes.remove(path.toAbsolutePath().normalize());
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        delegate.createDirectories(directory);
    }

    @Override
    public List<Path> list(Path directory) throws IOException {
        return delegate.list(directory);
    }

    @Override
    public boolean exists(Path path) {
        return delegate.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return delegate.size(path);
    }

    @Override
    public MemorySegment mapReadOnly(Path path, long size, Arena arena) throws IOException {
        return delegate.mapReadOnly(path, size, arena);
    }

    @Override
    public long usableSpace(Path path) throws IOException {
        return Math.min(writeBudget.get(), delegate.usableSpace(path));
    }

    /** How many of {@code wanted} bytes the budget allows now; throws when it is used up. */
    private int allowedBytes(int wanted, Path path, FileChannel inner) throws IOException {
        writeCalls.incrementAndGet();
        if (interruptNextWrite) {
            interruptNextWrite = false;
            inner.close();
            throw new ClosedByInterruptException();
        }
        while (true) {
            long budget = writeBudget.get();
            if (budget == Long.MAX_VALUE) {
                return wanted;
            }
            if (budget <= 0) {
                throw new IOException(DISK_FULL + " (injected, writing " + path + ")");
            }
            int allowed = (int) Math.min(wanted, budget);
            if (writeBudget.compareAndSet(budget, budget - allowed)) {
                return allowed;
            }
        }
    }

    /** Delegates everything, and applies the write budget and truncate faults. */
    private final class FaultyChannel extends FileChannel {
        final FileChannel inner;
        private final Path path;

        FaultyChannel(FileChannel inner, Path path) {
            this.inner = inner;
            this.path = path;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            int allowed = allowedBytes(src.remaining(), path, inner);
            int limit = src.limit();
            src.limit(src.position() + allowed);
            try {
                return inner.write(src);
            } finally {
                src.limit(limit);
            }
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int allowed = allowedBytes(src.remaining(), path, inner);
            int limit = src.limit();
            src.limit(src.position() + allowed);
            try {
                return inner.write(src, position);
            } finally {
                src.limit(limit);
            }
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long total = 0;
            for (int i = offset; i < offset + length; i++) {
                while (srcs[i].hasRemaining()) {
                    total += write(srcs[i]);
                }
            }
            return total;
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            if (failTruncates || (failShrinkingTruncates && size < inner.size())) {
                throw new IOException(path + ": " + IO_ERROR + " (injected truncate failure)");
            }
            inner.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            inner.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return inner.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return inner.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return inner.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return inner.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            inner.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return inner.size();
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return inner.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return inner.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return inner.map(mode, position, size);
        }

        @Override
        public MemorySegment map(MapMode mode, long offset, long size, Arena arena) throws IOException {
            return inner.map(mode, offset, size, arena);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return inner.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return inner.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            inner.close();
        }
    }
}
