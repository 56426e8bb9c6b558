package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalFormat.SEGMENT_HEADER_BYTES;

import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The segment file being appended to. Writes are positional, so the channel's own position never
 * matters. The channel field is volatile because an interrupted appender thread makes the JDK close
 * the channel ({@code ClosedByInterruptException}) and {@link #reopen()} replaces it.
 *
 * <p>Locking: {@link #writtenOffset} and all writes are guarded by the writer's lock; the sync
 * thread only reads {@link #channel()} to fsync it.
 */
final class ActiveSegment {
    final int number;
    final Path path;
    private final StorageFiles files;
    private volatile FileChannel channel;
    /** End of the last complete frame; bytes after it (a failed write) are garbage to truncate. */
    private long writtenOffset;

    private ActiveSegment(StorageFiles files, int number, Path path, FileChannel channel, long writtenOffset) {
        this.files = files;
        this.number = number;
        this.path = path;
        this.channel = channel;
        this.writtenOffset = writtenOffset;
    }

    /**
     * Creates segment {@code number} in {@code dir}, writes its header and makes file and directory
     * entry durable, so that a later segment never exists on disk without this one being complete.
     * On failure the partial file is removed (best effort) and the error rethrown.
     *
     * @param previousSegmentLength where the previous segment of the run ends, recorded in the
     *     header for {@link SegmentChain}, or {@link WalFormat#NO_PREVIOUS_SEGMENT}
     */
    static ActiveSegment create(StorageFiles files, Path dir, int number, long previousSegmentLength)
            throws IOException {
        Path path = WalFiles.segmentPath(dir, number);
        FileChannel channel = files.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                StandardOpenOption.READ);
        try {
            ByteBuffer header = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
            WalFormat.putSegmentHeader(header, number, previousSegmentLength);
            header.flip();
            writeFully(channel, header, 0);
            files.fsync(channel, path);
            files.fsyncDirectory(dir);
            return new ActiveSegment(files, number, path, channel, SEGMENT_HEADER_BYTES);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel, e);
            try {
                files.deleteRecursively(path);
            } catch (IOException deleteFailure) {
                e.addSuppressed(deleteFailure);
            }
            throw e;
        }
    }

    FileChannel channel() {
        return channel;
    }

    long writtenOffset() {
        return writtenOffset;
    }

    /** Writes {@code src}'s remaining bytes at {@link #writtenOffset} and, once all are written, advances it. */
    void append(ByteBuffer src) throws IOException {
        int length = src.remaining();
        writeFully(channel, src, writtenOffset);
        writtenOffset += length;
    }

    /** Cuts the file back to {@code offset} (removing a partial frame, or untrusted bytes after a failed fsync). */
    void truncate(long offset) throws IOException {
        channel.truncate(offset);
        writtenOffset = Math.min(writtenOffset, offset);
    }

    /** Opens a new channel after the old one was closed under us, and removes any partial frame. */
    void reopen() throws IOException {
        FileChannel old = channel;
        channel = files.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
        old.close();
        channel.truncate(writtenOffset);
    }

    void close() throws IOException {
        channel.close();
    }

    private static void writeFully(FileChannel channel, ByteBuffer src, long at) throws IOException {
        long position = at;
        while (src.hasRemaining()) {
            position += channel.write(src, position);
        }
    }

    private static void closeQuietly(FileChannel channel, Exception primary) {
        try {
            channel.close();
        } catch (IOException e) {
            primary.addSuppressed(e);
        }
    }
}
