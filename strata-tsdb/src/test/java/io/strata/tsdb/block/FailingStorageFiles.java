package io.strata.tsdb.block;

import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Real files, except that the {@code failAt}-th call (1-based) of one operation throws an
 * IOException, as a full disk or a dying device would. Later calls succeed again.
 */
public final class FailingStorageFiles implements StorageFiles {
    public enum Operation { OPEN, FSYNC, FSYNC_DIRECTORY, RENAME, DELETE }

    private final StorageFiles real = OsStorageFiles.INSTANCE;
    private final Operation failing;
    private final int failAt;
    private int calls;
    private boolean failed;

    public FailingStorageFiles(Operation failing, int failAt) {
        this.failing = failing;
        this.failAt = failAt;
    }

    /** Whether the injected failure happened. */
    public synchronized boolean failed() {
        return failed;
    }

    private synchronized void maybeFail(Operation op, Path path) throws IOException {
        if (op == failing && ++calls == failAt) {
            failed = true;
            throw new IOException("injected failure of " + op + " #" + failAt + " on " + path);
        }
    }

    @Override
    public FileChannel open(Path path, OpenOption... options) throws IOException {
        maybeFail(Operation.OPEN, path);
        return real.open(path, options);
    }

    @Override
    public void fsync(FileChannel channel, Path path) throws IOException {
        maybeFail(Operation.FSYNC, path);
        real.fsync(channel, path);
    }

    @Override
    public void fsyncDirectory(Path directory) throws IOException {
        maybeFail(Operation.FSYNC_DIRECTORY, directory);
        real.fsyncDirectory(directory);
    }

    @Override
    public void rename(Path source, Path target) throws IOException {
        maybeFail(Operation.RENAME, source);
        real.rename(source, target);
    }

    @Override
    public void deleteRecursively(Path path) throws IOException {
        maybeFail(Operation.DELETE, path);
        real.deleteRecursively(path);
    }

    @Override
    public void createDirectories(Path directory) throws IOException {
        real.createDirectories(directory);
    }

    @Override
    public List<Path> list(Path directory) throws IOException {
        return real.list(directory);
    }

    @Override
    public boolean exists(Path path) {
        return real.exists(path);
    }

    @Override
    public long size(Path path) throws IOException {
        return real.size(path);
    }

    @Override
    public MemorySegment mapReadOnly(Path path, long size, Arena arena) throws IOException {
        return real.mapReadOnly(path, size, arena);
    }

    @Override
    public long usableSpace(Path path) throws IOException {
        return real.usableSpace(path);
    }
}
