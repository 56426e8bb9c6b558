package io.strata.encoding;

import java.util.Arrays;

/**
 * A growable {@code byte[]} that encoders append to (VictoriaMetrics' {@code Marshal*(dst, ...)}
 * style): callers own and reuse it, {@link #reset()} keeps the capacity. Not thread-safe.
 */
public final class ByteSink {
    private byte[] buffer;
    private int length;

    public ByteSink(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    public ByteSink() {
        this(64);
    }

    public int length() {
        return length;
    }

    /** The backing array, valid up to {@link #length()}; replaced when the sink grows. */
    public byte[] buffer() {
        return buffer;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, length);
    }

    public void reset() {
        length = 0;
    }

    public ByteSink writeByte(int b) {
        ensure(1);
        buffer[length++] = (byte) b;
        return this;
    }

    public ByteSink writeBytes(byte[] src, int offset, int count) {
        ensure(count);
        System.arraycopy(src, offset, buffer, length, count);
        length += count;
        return this;
    }

    public ByteSink writeUnsignedVarint(long v) {
        ensure(Varints.MAX_LENGTH);
        length = Varints.writeUnsigned(buffer, length, v);
        return this;
    }

    public ByteSink writeSignedVarint(long v) {
        return writeUnsignedVarint(Varints.zigzag(v));
    }

    public ByteSink writeIntLE(int v) {
        ensure(4);
        for (int i = 0; i < 4; i++) {
            buffer[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public ByteSink writeLongLE(long v) {
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[length++] = (byte) (v >>> (8 * i));
        }
        return this;
    }

    public ByteSink writeShortBE(int v) {
        ensure(2);
        buffer[length++] = (byte) (v >>> 8);
        buffer[length++] = (byte) v;
        return this;
    }

    /** Makes room for {@code more} bytes after {@link #length()}. */
    public void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(length + more, buffer.length * 2));
        }
    }
}
