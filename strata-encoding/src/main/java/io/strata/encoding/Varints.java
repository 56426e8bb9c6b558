package io.strata.encoding;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * LEB128 varints (7 bits per byte, low group first, high bit = more bytes follow), the layout
 * protobuf and Go's {@code encoding/binary} use, plus zigzag mapping for signed numbers.
 *
 * <p>Writers append into a {@code byte[]} at a position and return the new position; readers
 * decode from a {@code byte[]} or a {@link MemorySegment} through {@link ByteInput}, which keeps
 * the position. Readers reject varints longer than 10 bytes or running past the end.
 */
public final class Varints {
    /** The longest encoding of a 64-bit number. */
    public static final int MAX_LENGTH = 10;

    private Varints() {}

    public static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    public static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    /** Bytes the unsigned varint of {@code v} takes (1..10). */
    public static int sizeOfUnsigned(long v) {
        int bits = 64 - Long.numberOfLeadingZeros(v | 1);
        return (bits + 6) / 7;
    }

    public static int sizeOfSigned(long v) {
        return sizeOfUnsigned(zigzag(v));
    }

    /** Writes {@code v} as an unsigned varint at {@code pos}; returns the position after it. */
    public static int writeUnsigned(byte[] dst, int pos, long v) {
        while ((v & ~0x7FL) != 0) {
            dst[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        dst[pos++] = (byte) v;
        return pos;
    }

    public static int writeSigned(byte[] dst, int pos, long v) {
        return writeUnsigned(dst, pos, zigzag(v));
    }

    /**
     * Decodes the unsigned varint at {@code offset} of {@code segment} without bounds beyond
     * {@code limit}; returns the value. Use {@link ByteInput} when the length matters too.
     */
    public static long readUnsigned(MemorySegment segment, long offset, long limit) {
        long result = 0;
        for (int i = 0; i < MAX_LENGTH; i++) {
            if (offset + i >= limit) {
                throw new CorruptChunkException("varint runs past the end at byte " + limit, offset);
            }
            int b = segment.get(ValueLayout.JAVA_BYTE, offset + i);
            result |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                if (i == MAX_LENGTH - 1 && b > 1) {
                    throw new CorruptChunkException("varint overflows 64 bits", offset);
                }
                return result;
            }
        }
        throw new CorruptChunkException("varint longer than " + MAX_LENGTH + " bytes", offset);
    }

    public static long readUnsigned(byte[] src, int offset, int limit) {
        return readUnsigned(MemorySegment.ofArray(src), offset, limit);
    }
}
