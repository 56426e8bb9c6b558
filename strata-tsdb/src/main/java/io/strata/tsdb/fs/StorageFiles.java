package io.strata.tsdb.fs;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Every file operation of the storage engine goes through this seam, so tests can fail a write,
 * an fsync, a rename or a map at a chosen point (QuestDB's {@code FilesFacade}). The production
 * implementation is {@link OsStorageFiles}; {@code FaultyStorageFiles} in the tests injects faults.
 *
 * <p>Implementations are thread-safe. Methods throw {@link IOException} with the path in the
 * message; callers add what they were doing.
 */
public interface StorageFiles {
    /** Opens a channel; writes through it may fail as the implementation decides. */
    FileChannel open(Path path, OpenOption... options) throws IOException;

    /** Forces a channel's content and metadata to the device. */
    void fsync(FileChannel channel, Path path) throws IOException;

    /** Forces a directory entry (after create, rename or delete) to the device. */
    void fsyncDirectory(Path directory) throws IOException;

    /** Atomically replaces {@code target} by {@code source}. */
    void rename(Path source, Path target) throws IOException;

    /** Deletes a file, or a directory with everything below it; absent paths are fine. */
    void deleteRecursively(Path path) throws IOException;

    void createDirectories(Path directory) throws IOException;

    /** Names of the entries of a directory, sorted; empty when it does not exist. */
    List<Path> list(Path directory) throws IOException;

    boolean exists(Path path);

    long size(Path path) throws IOException;

    /** Maps {@code [0, size)} of a file read-only into {@code arena}. */
    MemorySegment mapReadOnly(Path path, long size, Arena arena) throws IOException;

    /** Bytes free on the file system holding {@code path}. */
    long usableSpace(Path path) throws IOException;
}
