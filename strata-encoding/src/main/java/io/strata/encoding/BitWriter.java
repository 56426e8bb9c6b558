package io.strata.encoding;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Writes bits most-significant first into a growable {@code byte[]}.
 *
 * <p>Bits are ORed into bytes that start at zero, so every byte before {@link #byteLength()} is
 * final except the last, partially filled one; a reader may therefore read a prefix of the
 * stream while writing continues (the open head chunk relies on this). Not thread-safe.
 */
public final class BitWriter {
    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Spare bytes past the last bit so that a 64-bit store never needs a bounds special case. */
    private static final int SLACK = 8;

    private byte[] buffer;
    private long bitLength;

    public BitWriter(int initialCapacityBytes) {
        buffer = new byte[Math.max(1, initialCapacityBytes) + SLACK];
    }

    /** Appends the low {@code count} bits of {@code value}, highest of them first; count is 0..64. */
    public void writeBits(long value, int count) {
        if (count == 0) {
            return;
        }
        ensureCapacity((int) ((bitLength + count + 7) >>> 3));
        int used = (int) (bitLength & 7);
        int index = (int) (bitLength >>> 3);
        if (count + used <= 64) {
            // One big-endian 64-bit OR: the bytes after the last bit are still zero.
            long aligned = value << (64 - count) >>> used;
            LONG_BE.set(buffer, index, (long) LONG_BE.get(buffer, index) | aligned);
        } else {
            // More than 64 - used bits: the high part fills this word, the rest the next byte.
            int low = count + used - 64;
            long high = (value >>> low) << (64 - (count - low)) >>> used;
            LONG_BE.set(buffer, index, (long) LONG_BE.get(buffer, index) | high);
            buffer[index + 8] |= (byte) (value << (8 - low));
        }
        bitLength += count;
    }

    public void writeBit(boolean bit) {
        ensureCapacity((int) ((bitLength + 8) >>> 3));
        if (bit) {
            buffer[(int) (bitLength >>> 3)] |= (byte) (0x80 >>> (bitLength & 7));
        }
        bitLength++;
    }

    public long bitLength() {
        return bitLength;
    }

    /** Number of bytes holding the bits written so far (the last one possibly partial). */
    public int byteLength() {
        return (int) ((bitLength + 7) >>> 3);
    }

    /**
     * The backing array, valid up to {@link #byteLength()}. It is replaced when the writer grows,
     * so do not keep it across writes; bytes already written never change in place.
     */
    public byte[] buffer() {
        return buffer;
    }

    /** Bytes of heap held by the backing array. */
    public int capacity() {
        return buffer.length;
    }

    /** Forgets everything written, keeping the buffer (zeroed) for reuse. */
    public void reset() {
        Arrays.fill(buffer, 0, byteLength(), (byte) 0);
        bitLength = 0;
    }

    private void ensureCapacity(int bytes) {
        if (bytes + SLACK > buffer.length) {
            // Grow by half: open chunks grow a few bytes at a time and most stay small.
            int newLength = Math.max(bytes + SLACK, buffer.length + (buffer.length >>> 1) + 8);
            buffer = Arrays.copyOf(buffer, newLength);
        }
    }
}
