package io.strata.tsdb;

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

/** Real files whose writes and fsyncs fail with "No space left on device" while {@link #full} is set. */
final class DiskFullFiles implements StorageFiles {
    volatile boolean full;
    private final StorageFiles os = OsStorageFiles.INSTANCE;

    private void check(Path path) throws IOException {
        if (full) {
            throw new IOException(path + ": No space left on device");
        }
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        check(path);
        return new Channel(os.open(path, options), path);
    }

    @Override
    public void fsync(FileChannel channel, Path path) throws IOException {
        check(path);
        os.fsync(channel instanceof Channel c ? c.delegate : channel, path);
    }

    @Override
    public void fsyncDirectory(Path directory) throws IOException {
        check(directory);
        os.fsyncDirectory(directory);
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        check(target);
        os.rename(source, target);
    }

    @Override
    public void deleteRecursively(Path path) throws IOException {
        os.deleteRecursively(path);
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        check(directory);
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

    /** A channel whose writes and forces fail while the disk is "full". */
    private final class Channel extends FileChannel {
        final FileChannel delegate;
        private final Path path;

        Channel(FileChannel delegate, Path path) {
            this.delegate = delegate;
            this.path = path;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return delegate.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return delegate.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            check(path);
            return delegate.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            check(path);
            return delegate.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return delegate.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            delegate.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return delegate.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            delegate.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            check(path);
            delegate.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return delegate.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            check(path);
            return delegate.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return delegate.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            check(path);
            return delegate.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return delegate.map(mode, position, size);
        }

        @Override
        public MemorySegment map(MapMode mode, long offset, long size, Arena arena) throws IOException {
            return delegate.map(mode, offset, size, arena);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return delegate.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return delegate.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            delegate.close();
        }
    }
}
