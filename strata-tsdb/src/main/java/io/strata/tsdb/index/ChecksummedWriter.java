package io.strata.tsdb.index;

import io.strata.tsdb.fs.StorageFiles;
import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Writes a new file sequentially through a buffer, keeping a running CRC32C of everything written,
 * and ends it with that checksum as a 4-byte little-endian footer (the framing every Strata file
 * uses). Also writes the primitives of {@link SegmentReader}. Not thread-safe.
 *
 * <p>{@link #finish()} writes the footer, fsyncs and closes; {@link #close()} without finish just
 * closes (the caller deletes the half-written file).
 */
public final class ChecksummedWriter implements Closeable {
    private final StorageFiles files;
    private final Path path;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private long flushed;
    private boolean closed;

    private ChecksummedWriter(StorageFiles files, Path path, FileChannel channel) {
        this.files = files;
        this.path = path;
        this.channel = channel;
    }

    /** Creates {@code path}, which must not exist yet. */
    public static ChecksummedWriter create(StorageFiles files, Path path) throws IOException {
        return new ChecksummedWriter(
                files, path, files.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    public Path path() {
        return path;
    }

    /** Bytes written so far, i.e. the offset the next byte will have in the file. */
    public long position() {
        return flushed + buffer.position();
    }

    public void writeByte(int b) throws IOException {
        ensure(1);
        buffer.put((byte) b);
    }

    public void writeInt(int v) throws IOException {
        ensure(4);
        buffer.putInt(v);
    }

    public void writeLong(long v) throws IOException {
        ensure(8);
        buffer.putLong(v);
    }

    /** Unsigned LEB128; {@code v} must not be negative. */
    public void writeVarint(int v) throws IOException {
        if (v < 0) {
            throw new IllegalArgumentException("BUG: negative varint " + v);
        }
        writeVarlong(v);
    }

    /** Unsigned LEB128 of the 64 bits of {@code v}. */
    public void writeVarlong(long v) throws IOException {
        ensure(10);
        while ((v & ~0x7fL) != 0) {
            buffer.put((byte) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        buffer.put((byte) v);
    }

    /** Zigzag then LEB128, so small negative numbers stay small. */
    public void writeSignedVarlong(long v) throws IOException {
        writeVarlong((v << 1) ^ (v >> 63));
    }

    public void writeBytes(byte[] b) throws IOException {
        writeBytes(b, 0, b.length);
    }

    public void writeBytes(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    public void writeBytes(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = Math.min(b.remaining(), buffer.remaining());
            buffer.put(buffer.position(), b, b.position(), n);
            buffer.position(buffer.position() + n);
            b.position(b.position() + n);
        }
    }

    public void writeBytes(MemorySegment segment) throws IOException {
        long off = 0;
        long size = segment.byteSize();
        while (off < size) {
            if (!buffer.hasRemaining()) {
                flush();
            }
            int n = (int) Math.min(size - off, buffer.remaining());
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, off, buffer.array(), buffer.position(), n);
            buffer.position(buffer.position() + n);
            off += n;
        }
    }

    /** Writes the CRC32C footer over everything written, fsyncs and closes. Returns the file size. */
    public long finish() throws IOException {
        flush();
        buffer.putInt((int) crc.getValue());
        buffer.flip();
        writeFully();
        files.fsync(channel, path);
        close();
        return flushed;
    }

    private void ensure(int n) throws IOException {
        if (buffer.remaining() < n) {
            flush();
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        crc.update(buffer.duplicate());
        writeFully();
    }

    private void writeFully() throws IOException {
        while (buffer.hasRemaining()) {
            flushed += channel.write(buffer);
        }
        buffer.clear();
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            channel.close();
        }
    }
}
