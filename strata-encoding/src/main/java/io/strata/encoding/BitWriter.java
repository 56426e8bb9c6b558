package io.strata.encoding;

import java.util.Arrays;

/**
 * Writes bits most-significant first into a growable {@code byte[]}.
 *
 * <p>Bits are ORed into bytes that start at zero, so every byte before {@link #byteLength()} is
 * final except the last, partially filled one; a reader may therefore read a prefix of the
 * stream while writing continues (the open head chunk relies on this). Not thread-safe.
 */
public final class BitWriter {
    private byte[] buffer;
    private long bitLength;

    public BitWriter(int initialCapacityBytes) {
        buffer = new byte[Math.max(1, initialCapacityBytes)];
    }

    /** Appends the low {@code count} bits of {@code value}, highest of them first; count is 0..64. */
    public void writeBits(long value, int count) {
        if (count == 0) {
            return;
        }
        ensureCapacity((int) ((bitLength + count + 7) >>> 3));
        long bits = count == 64 ? value : value & ((1L << count) - 1);
        int remaining = count;
        while (remaining > 0) {
            int index = (int) (bitLength >>> 3);
            int free = 8 - (int) (bitLength & 7);
            int take = Math.min(free, remaining);
            int chunk = (int) (bits >>> (remaining - take)) & ((1 << take) - 1);
            buffer[index] |= (byte) (chunk << (free - take));
            remaining -= take;
            bitLength += take;
        }
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
        if (bytes > buffer.length) {
            // Grow by half: open chunks grow a few bytes at a time and most stay small.
            int newLength = Math.max(bytes, buffer.length + (buffer.length >>> 1) + 8);
            buffer = Arrays.copyOf(buffer, newLength);
        }
    }
}
