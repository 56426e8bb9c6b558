package io.strata.encoding;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * A bounds-checked reading position over a range of a {@link MemorySegment} (heap arrays via
 * {@link #reset(byte[], int, int)}). Every read past the range throws
 * {@link CorruptChunkException} with the offset relative to the range start. Reusable.
 */
public final class ByteInput {
    private static final ValueLayout.OfInt INT_LE =
            ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LONG_LE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private MemorySegment segment = MemorySegment.NULL;
    private long start;
    private long position;
    private long limit;

    public ByteInput reset(MemorySegment segment, long offset, long length) {
        if (offset < 0 || length < 0 || offset + length > segment.byteSize()) {
            throw new IllegalArgumentException("range [" + offset + ", +" + length
                    + ") outside a segment of " + segment.byteSize() + " bytes");
        }
        this.segment = segment;
        this.start = offset;
        this.position = offset;
        this.limit = offset + length;
        return this;
    }

    public ByteInput reset(MemorySegment segment) {
        return reset(segment, 0, segment.byteSize());
    }

    public ByteInput reset(byte[] bytes, int offset, int length) {
        return reset(MemorySegment.ofArray(bytes), offset, length);
    }

    public MemorySegment segment() {
        return segment;
    }

    /** Absolute position in the segment. */
    public long position() {
        return position;
    }

    /** Position relative to the start of the range. */
    public long offset() {
        return position - start;
    }

    public long remaining() {
        return limit - position;
    }

    public void skip(long bytes) {
        require(bytes);
        position += bytes;
    }

    public int readUnsignedByte() {
        require(1);
        return segment.get(ValueLayout.JAVA_BYTE, position++) & 0xFF;
    }

    public int readIntLE() {
        require(4);
        int v = segment.get(INT_LE, position);
        position += 4;
        return v;
    }

    public long readLongLE() {
        require(8);
        long v = segment.get(LONG_LE, position);
        position += 8;
        return v;
    }

    public long readUnsignedVarint() {
        long result = 0;
        for (int i = 0; i < Varints.MAX_LENGTH; i++) {
            int b = readByteForVarint();
            result |= (long) (b & 0x7F) << (7 * i);
            if (b >= 0) {
                if (i == Varints.MAX_LENGTH - 1 && b > 1) {
                    throw new CorruptChunkException("varint overflows 64 bits", offset() - i - 1);
                }
                return result;
            }
        }
        throw new CorruptChunkException("varint longer than " + Varints.MAX_LENGTH + " bytes",
                offset() - Varints.MAX_LENGTH);
    }

    public long readSignedVarint() {
        return Varints.unzigzag(readUnsignedVarint());
    }

    /** Reads an unsigned varint that must lie in {@code [min, max]}; {@code what} names it in errors. */
    public long readUnsignedVarint(String what, long min, long max) {
        long at = offset();
        long v = readUnsignedVarint();
        if (v < min || v > max) {
            throw new CorruptChunkException(what + " " + Long.toUnsignedString(v)
                    + " outside [" + min + ", " + max + "]", at);
        }
        return v;
    }

    private int readByteForVarint() {
        if (position >= limit) {
            throw new CorruptChunkException("varint runs past the end", offset());
        }
        return segment.get(ValueLayout.JAVA_BYTE, position++);
    }

    private void require(long bytes) {
        if (bytes < 0 || limit - position < bytes) {
            throw new CorruptChunkException("wanted " + bytes + " bytes, " + (limit - position)
                    + " left", offset());
        }
    }
}
