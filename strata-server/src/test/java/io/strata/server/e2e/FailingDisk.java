package io.strata.server.e2e;

import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;

/**
 * The real file system, with two switches a test flips while the server runs: a full disk (every
 * write through a channel fails with "No space left on device", as Linux's ENOSPC, and no space is
 * free) and a failing fsync (EIO). Reads, truncates and directory operations keep working, as they
 * do on a full disk. (The TSDB module's own tests have a richer fault injector; its test classes
 * are not on this module's classpath.)
 */
final class FailingDisk implements StorageFiles {
    static final String DISK_FULL = "No space left on device";
    static final String IO_ERROR = "Input/output error";

    private final StorageFiles os = OsStorageFiles.INSTANCE;
    private volatile boolean full;
    private volatile boolean fsyncFails;

    void full(boolean full) {
        this.full = full;
    }

    void fsyncFails(boolean fails) {
        this.fsyncFails = fails;
    }

    private void checkSpace(Path path) throws IOException {
        if (full) {
            throw new IOException(path + ": " + DISK_FULL + " (injected)");
        }
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        return new Channel(os.open(path, options), path);
    }

    @Override
    public void fsync(FileChannel channel, Path path) throws IOException {
        if (fsyncFails) {
            throw new IOException(path + ": " + IO_ERROR + " (injected fsync failure)");
        }
        os.fsync(channel instanceof Channel c ? c.inner : channel, path);
    }

    @Override
    public void fsyncDirectory(Path directory) throws IOException {
        os.fsyncDirectory(directory);
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        os.rename(source, target);
    }

    @Override
    public void deleteRecursively(Path path) throws IOException {
        os.deleteRecursively(path);
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        os.createDirectories(directory);
    }

    @Override
    public List<Path> list(Path directory) throws IOException {
        return os.list(directory);
    }

    @Override
    public boolean exists(Path path) {
        return os.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return os.size(path);
    }

    @Override
    public MemorySegment mapReadOnly(Path path, long size, Arena arena) throws IOException {
        return os.mapReadOnly(path, size, arena);
    }

    @Override
    public long usableSpace(Path path) throws IOException {
        return full ? 0 : os.usableSpace(path);
    }

    /** Delegates everything; writes fail while the disk is full. */
    private final class Channel extends FileChannel {
        final FileChannel inner;
        private final Path path;

        Channel(FileChannel inner, Path path) {
            this.inner = inner;
            this.path = path;
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            checkSpace(path);
            return inner.write(src);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            checkSpace(path);
            return inner.write(src, position);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            checkSpace(path);
            return inner.write(srcs, offset, length);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            checkSpace(path);
            return inner.transferFrom(src, position, count);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (fsyncFails) {
                throw new IOException(path + ": " + IO_ERROR + " (injected fsync failure)");
            }
            inner.force(metaData);
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            inner.truncate(size);
            return this;
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
