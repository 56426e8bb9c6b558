package io.strata.tsdb;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data directory ({@code <dataDir>/lock}), held while a TSDB is open: two
 * processes (or two TSDBs in one process) writing one WAL and one head chunk directory would
 * destroy each other's data. The operating system releases it when the process dies, so a crash
 * never leaves a stale lock behind.
 */
public final class DirectoryLock implements AutoCloseable {
    public static final String FILE_NAME = "lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @throws StrataException {@code UNAVAILABLE} when another TSDB holds the directory
     */
    public static DirectoryLock acquire(Path dir, StorageFiles files) throws IOException {
        Path path = dir.resolve(FILE_NAME);
        FileChannel channel = files.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // held by this very process
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        if (lock == null) {
            channel.close();
            throw new StrataException(ErrorCode.UNAVAILABLE, "the data directory " + dir
                    + " is in use by another TSDB (" + path + " is locked); stop it or choose another directory");
        }
        return new DirectoryLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
        try {
            lock.release();
        } finally {
            channel.close();
        }
    }
}
