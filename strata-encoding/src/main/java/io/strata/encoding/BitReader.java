package io.strata.encoding;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads bits most-significant first from a range of a {@link MemorySegment} (heap or mapped).
 *
 * <p>Every read is checked against the bit limit given to {@link #reset}: reading past it throws
 * {@link CorruptChunkException} instead of touching memory outside the range, so corrupt
 * encodings fail cleanly. Reusable; allocates nothing after construction.
 */
public final class BitReader {
    private static final ValueLayout.OfLong LONG_BE =
            ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private MemorySegment segment = MemorySegment.NULL;
    private long startByte;
    /** Absolute bit position (in the segment) of the next bit to read. */
    private long position;
    /** Absolute bit position just past the last readable bit. */
    private long limit;
    /** Absolute byte index past which the 8-byte fast path may not read. */
    private long byteLimit;
    /** Reported in errors as the origin of offsets, usually the start of the chunk. */
    private long reportBase;

    /**
     * Reads {@code bitCount} bits starting at byte {@code byteOffset} of {@code segment}; error
     * offsets are reported relative to {@code reportBase}.
     */
    public BitReader reset(MemorySegment segment, long byteOffset, long bitCount, long reportBase) {
        long byteCount = (bitCount + 7) >>> 3;
        if (byteOffset < 0 || bitCount < 0 || byteOffset + byteCount > segment.byteSize()) {
            throw new CorruptChunkException("bit stream of " + bitCount + " bits at byte "
                    + byteOffset + " exceeds the " + segment.byteSize() + " available bytes",
                    byteOffset - reportBase);
        }
        this.segment = segment;
        this.startByte = byteOffset;
        this.position = byteOffset << 3;
        this.limit = position + bitCount;
        this.byteLimit = byteOffset + byteCount;
        this.reportBase = reportBase;
        return this;
    }

    public BitReader reset(MemorySegment segment, long byteOffset, long bitCount) {
        return reset(segment, byteOffset, bitCount, byteOffset);
    }

    /** Reads {@code bitCount} bits of a heap array from byte {@code byteOffset}. */
    public BitReader reset(byte[] bytes, int byteOffset, long bitCount) {
        return reset(MemorySegment.ofArray(bytes), byteOffset, bitCount, byteOffset);
    }

    public int readBit() {
        if (position >= limit) {
            throw pastEnd(1);
        }
        int b = segment.get(ValueLayout.JAVA_BYTE, position >>> 3);
        int bit = (b >>> (7 - (int) (position & 7))) & 1;
        position++;
        return bit;
    }

    /** Reads {@code count} (0..64) bits as an unsigned number. */
    public long readBits(int count) {
        if (count == 0) {
            return 0;
        }
        if (limit - position < count) {
            throw pastEnd(count);
        }
        long byteIndex = position >>> 3;
        int shift = (int) (position & 7);
        long result;
        if (byteIndex + 8 <= byteLimit) {
            long high = segment.get(LONG_BE, byteIndex) << shift;
            int available = 64 - shift;
            if (count <= available) {
                result = high >>> (64 - count);
            } else {
                int rest = count - available;
                int next = segment.get(ValueLayout.JAVA_BYTE, byteIndex + 8) & 0xFF;
                result = (high >>> (64 - count)) | (next >>> (8 - rest));
            }
        } else {
            result = readBitsSlowly(count);
            return result;
        }
        position += count;
        return result;
    }

    /** Reads {@code count} (1..64) bits as a two's complement signed number. */
    public long readSigned(int count) {
        long raw = readBits(count);
        return (raw << (64 - count)) >> (64 - count);
    }

    /**
     * Counts and consumes up to {@code max} (at most 56) one-bits, and the zero bit that ends
     * them when fewer than {@code max}.
     */
    public int readUnaryOnes(int max) {
        long byteIndex = position >>> 3;
        if (limit - position >= max && byteIndex + 8 <= byteLimit) {
            long window = segment.get(LONG_BE, byteIndex) << (position & 7);
            int ones = Long.numberOfLeadingZeros(~window);
            if (ones >= max) {
                position += max;
                return max;
            }
            if (limit - position > ones) {
                position += ones + 1;
                return ones;
            }
        }
        int ones = 0;
        while (ones < max && readBit() == 1) {
            ones++;
        }
        return ones;
    }

    /** Bits read so far since {@link #reset}. */
    public long bitsRead() {
        return position - (startByte << 3);
    }

    /** Byte offset of the next bit relative to the {@code reportBase} given to {@link #reset}. */
    public long reportOffset() {
        return (position >>> 3) - reportBase;
    }

    public long bitsLeft() {
        return limit - position;
    }

    private long readBitsSlowly(int count) {
        long result = 0;
        for (int i = 0; i < count; i++) {
            int b = segment.get(ValueLayout.JAVA_BYTE, position >>> 3);
            result = (result << 1) | ((b >>> (7 - (int) (position & 7))) & 1);
            position++;
        }
        return result;
    }

    private CorruptChunkException pastEnd(int wanted) {
        return new CorruptChunkException("bit stream ends early: wanted " + wanted + " bits, "
                + (limit - position) + " left", (position >>> 3) - reportBase);
    }
}
