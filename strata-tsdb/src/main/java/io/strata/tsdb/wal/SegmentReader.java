package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalFormat.FRAME_HEADER_BYTES;
import static io.strata.tsdb.wal.WalFormat.SEGMENT_HEADER_BYTES;

import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Reads the frames of one segment in order, checking both checksums of each. Reads go through a
 * window buffer (1 MiB, grown for larger records) so that small records do not cost a system call
 * each. Never throws on damaged bytes: {@link #next()} says {@link Step#DAMAGED} and
 * {@link #problem()} says why, so the caller decides between repair and {@link CorruptWalException}.
 */
final class SegmentReader implements AutoCloseable {
    enum Step {
        /** A frame was read; {@link #payload()} holds its record. */
        FRAME,
        /** The segment ended exactly after the last frame. */
        END,
        /** The bytes at {@link #frameOffset()} are not an intact frame. */
        DAMAGED
    }

    private static final int INITIAL_WINDOW_BYTES = 1 << 20;

    private final Path path;
    private final int number;
    private final FileChannel channel;
    private final long end;
    private final CRC32C crc = new CRC32C();
    private ByteBuffer window;
    private long windowStart;
    private int windowFilled;
    private long nextOffset = SEGMENT_HEADER_BYTES;
    private long frameOffset = SEGMENT_HEADER_BYTES;
    private ByteBuffer payload;
    private String problem = "";
    /** From the validated header; see {@link #previousSegmentLength()}. */
    private long previousSegmentLength;

    private SegmentReader(Path path, int number, FileChannel channel, long end, ByteBuffer window) {
        this.path = path;
        this.number = number;
        this.channel = channel;
        this.end = end;
        this.window = window != null ? window : ByteBuffer.allocateDirect(INITIAL_WINDOW_BYTES);
        this.window.order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Opens segment {@code number} at {@code path} for reading up to byte {@code end} (the file
     * size, or less for the segment being written) and checks its header.
     *
     * @param window a buffer from an earlier reader to reuse, or {@code null}
     * @throws CorruptWalException when the header is missing or not this segment's
     */
    static SegmentReader open(StorageFiles files, Path path, int number, long end, ByteBuffer window)
            throws IOException {
        FileChannel channel = files.open(path, StandardOpenOption.READ);
        SegmentReader reader = new SegmentReader(path, number, channel, end, window);
        try {
            String headerProblem = reader.fill(0, SEGMENT_HEADER_BYTES)
                    ? WalFormat.segmentHeaderProblem(reader.window.duplicate().position(0).limit(SEGMENT_HEADER_BYTES), number)
                    : "segment header truncated: " + end + " of " + SEGMENT_HEADER_BYTES + " bytes";
            if (headerProblem != null) {
                throw new CorruptWalException(path, number, 0, headerProblem);
            }
            reader.previousSegmentLength = WalFormat.previousSegmentLength(reader.window.duplicate().position(0));
            return reader;
        } catch (IOException | RuntimeException e) {
            reader.close();
            throw e;
        }
    }

    /**
     * Reads and checks only the header of segment {@code number}, for the chain check of the
     * segment before it (see {@link SegmentChain}), and returns {@link #previousSegmentLength()}.
     *
     * @throws CorruptWalException when the header is missing or not this segment's
     */
    static long readPreviousSegmentLength(StorageFiles files, Path path, int number) throws IOException {
        // A window of exactly one header, so that checking the chain reads 24 bytes, not a megabyte.
        ByteBuffer headerOnly = ByteBuffer.allocate(SEGMENT_HEADER_BYTES);
        try (SegmentReader reader = open(files, path, number, files.size(path), headerOnly)) {
            return reader.previousSegmentLength;
        }
    }

    /**
     * The length in bytes of the previous segment of the same run, as recorded in this segment's
     * header when it was created, or {@link WalFormat#NO_PREVIOUS_SEGMENT} when there is none to
     * check.
     */
    long previousSegmentLength() {
        return previousSegmentLength;
    }

    /** Reads the next frame. */
    Step next() throws IOException {
        frameOffset = nextOffset;
        payload = null;
        if (nextOffset == end) {
            return Step.END;
        }
        if (!fill(nextOffset, FRAME_HEADER_BYTES)) {
            return damaged("truncated frame header: " + (end - nextOffset) + " of " + FRAME_HEADER_BYTES + " bytes");
        }
        int at = (int) (nextOffset - windowStart);
        int length = WalFormat.frameLength(window, at);
        if (length < 0) {
            return damaged("frame header checksum mismatch");
        }
        int expectedCrc = WalFormat.framePayloadCrc(window, at);
        if (!fill(nextOffset, FRAME_HEADER_BYTES + length)) {
            return damaged("frame of " + length + " bytes runs past the end of the segment ("
                    + (end - nextOffset - FRAME_HEADER_BYTES) + " bytes present)");
        }
        at = (int) (nextOffset - windowStart);
        int payloadStart = at + FRAME_HEADER_BYTES;
        ByteBuffer view = window.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        view.limit(payloadStart + length).position(payloadStart);
        crc.reset();
        crc.update(view);
        if ((int) crc.getValue() != expectedCrc) {
            return damaged("record checksum mismatch");
        }
        payload = view.position(payloadStart);
        nextOffset += FRAME_HEADER_BYTES + length;
        return Step.FRAME;
    }

    /** The record of the last {@link Step#FRAME}; a view valid until the next call to {@link #next()}. */
    ByteBuffer payload() {
        return payload;
    }

    /** Offset of the frame the last {@link #next()} looked at. */
    long frameOffset() {
        return frameOffset;
    }

    /** Why the last {@link #next()} returned {@link Step#DAMAGED}. */
    String problem() {
        return problem;
    }

    Path path() {
        return path;
    }

    int number() {
        return number;
    }

    /** The window buffer, for the next reader to reuse. */
    ByteBuffer window() {
        return window;
    }

    CorruptWalException corruption() {
        return new CorruptWalException(path, number, frameOffset, problem);
    }

    private Step damaged(String why) {
        problem = why;
        return Step.DAMAGED;
    }

    /** Makes bytes {@code [offset, offset + n)} available in the window; false when the segment ends first. */
    private boolean fill(long offset, int n) throws IOException {
        if (offset + n > end) {
            return false;
        }
        if (offset >= windowStart && offset + n <= windowStart + windowFilled) {
            return true;
        }
        if (n > window.capacity()) {
            window = ByteBuffer.allocateDirect(Integer.highestOneBit(n - 1) << 1).order(ByteOrder.LITTLE_ENDIAN);
        }
        // Re-reading the few bytes of a frame that straddled the old window is simpler than moving
        // them, and they come from the page cache.
        window.clear().limit((int) Math.min(window.capacity(), end - offset));
        windowStart = offset;
        while (window.hasRemaining()) {
            int read = channel.read(window, offset + window.position());
            if (read < 0) {
                break; // the file is shorter than the caller believed
            }
        }
        windowFilled = window.position();
        return windowFilled >= n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
