package io.strata.tsdb.index;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

/**
 * A forward cursor over a region of a mapped file, decoding the primitives our formats use:
 * little-endian fixed-width ints and longs, unsigned LEB128 varints, zigzag varints. Every read is
 * checked against the region's end and reported as {@link CorruptFileException} with the file and
 * offset, so a damaged file never becomes an {@link IndexOutOfBoundsException} deep inside a query.
 * Not thread-safe; cheap to create (one per lookup).
 */
public final class SegmentReader {
    public static final ValueLayout.OfInt INT_LE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    public static final ValueLayout.OfLong LONG_LE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final MemorySegment segment;
    private final Path file;
    private final long limit;
    private long pos;

    /** Reads {@code [from, limit)} of {@code segment}; {@code file} names it in errors. */
    public SegmentReader(MemorySegment segment, Path file, long from, long limit) {
        this.segment = segment;
        this.file = file;
        this.pos = from;
        this.limit = limit;
    }

    public long position() {
        return pos;
    }

    public void seek(long position) {
        if (position < 0 || position > limit) {
            throw corrupt("position " + position + " outside its section (end " + limit + ")");
        }
        pos = position;
    }

    public long limit() {
        return limit;
    }

    public boolean hasRemaining() {
        return pos < limit;
    }

    public int readByte() {
        need(1);
        return segment.get(ValueLayout.JAVA_BYTE, pos++) & 0xff;
    }

    public int readInt() {
        need(4);
        int v = segment.get(INT_LE, pos);
        pos += 4;
        return v;
    }

    public long readLong() {
        need(8);
        long v = segment.get(LONG_LE, pos);
        pos += 8;
        return v;
    }

    /** An unsigned varint that must fit a non-negative int. */
    public int readVarint() {
        long start = pos;
        long v = readVarlong();
        if (v < 0 || v > Integer.MAX_VALUE) {
            throw new CorruptFileException(file, start, "varint " + Long.toUnsignedString(v) + " does not fit an int");
        }
        return (int) v;
    }

    /** An unsigned LEB128 varint of at most 10 bytes. */
    public long readVarlong() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int b = readByte();
            result |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return result;
            }
        }
        throw corrupt("varint longer than 10 bytes");
    }

    /** A zigzag-encoded signed varint. */
    public long readSignedVarlong() {
        long v = readVarlong();
        return (v >>> 1) ^ -(v & 1);
    }

    public byte[] readBytes(int length) {
        need(length);
        byte[] out = new byte[length];
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, pos, out, 0, length);
        pos += length;
        return out;
    }

    /** Copies {@code length} bytes into {@code dst} at {@code offset}. */
    public void readBytes(byte[] dst, int offset, int length) {
        need(length);
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, pos, dst, offset, length);
        pos += length;
    }

    public void skip(long n) {
        need(n);
        pos += n;
    }

    /** A corruption error at the current position. */
    public CorruptFileException corrupt(String problem) {
        return new CorruptFileException(file, pos, problem);
    }

    private void need(long n) {
        if (n < 0 || pos + n > limit) {
            throw corrupt("read of " + n + " bytes past the end of its section (end " + limit + ")");
        }
    }
}
