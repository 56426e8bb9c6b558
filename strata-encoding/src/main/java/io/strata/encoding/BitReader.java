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
     * A cache of the unread bits from {@code position} on, most significant bit first; the first
     * {@code windowBits} are valid. Reading from a register instead of the segment on every call
     * is most of the decoding speed (segment accesses pay bounds and liveness checks).
     */
    private long window;
    private int windowBits;

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
        this.window = 0;
        this.windowBits = 0;
        return this;
    }

    public BitReader reset(MemorySegment segment, long byteOffset, long bitCount) {
        return reset(segment, byteOffset, bitCount, byteOffset);
    }

    /** Reads {@code bitCount} bits of a heap array from byte {@code byteOffset}. */
    public BitReader reset(byte[] bytes, int byteOffset, long bitCount) {
        return reset(MemorySegment.ofArray(bytes), byteOffset, bitCount, byteOffset);
    }

    /** Reads one bit. */
    public int readBit() {
        if (position >= limit) {
            throw pastEnd(1);
        }
        if (windowBits == 0) {
            refill();
        }
        int bit = (int) (window >>> 63);
        consume(1);
        return bit;
    }

    /** Reads {@code count} (0..64) bits as an unsigned number, most significant bit first. */
    public long readBits(int count) {
        if (count == 0) {
            return 0;
        }
        if (limit - position < count) {
            throw pastEnd(count);
        }
        if (count > windowBits) {
            refill();
            if (count > windowBits) {
                // Only a 58..64-bit read at an unaligned position gets here.
                long high = readBits(32);
                return (high << (count - 32)) | readBits(count - 32);
            }
        }
        long result = window >>> (64 - count);
        consume(count);
        return result;
    }

    /** Reads {@code count} bits as a two's complement number. */
    public long readSigned(int count) {
        long raw = readBits(count);
        return (raw << (64 - count)) >> (64 - count);
    }

    /**
     * Counts consecutive 1 bits, at most {@code max}; when it stops before {@code max} it also
     * consumes the 0 that ended the run.
     */
    public int readUnaryOnes(int max) {
        if (windowBits <= max) {
            refill();
        }
        if (windowBits > max && limit - position >= max) {
            int ones = Long.numberOfLeadingZeros(~window);
            if (ones >= max) {
                consume(max);
                return max;
            }
            if (limit - position > ones) {
                consume(ones + 1);
                return ones;
            }
        }
        int ones = 0;
        while (ones < max && readBit() == 1) {
            ones++;
        }
        return ones;
    }

    private void consume(int bits) {
        window = bits == 64 ? 0 : window << bits;
        windowBits -= bits;
        position += bits;
    }

    /** Loads the window from {@code position}: 57..64 bits, or whatever is left near the end. */
    private void refill() {
        long byteIndex = position >>> 3;
        int shift = (int) (position & 7);
        if (byteIndex + 8 <= byteLimit) {
            window = segment.get(LONG_BE, byteIndex) << shift;
            windowBits = 64 - shift;
            return;
        }
        long w = 0;
        int bits = 0;
        for (long b = byteIndex; b < byteLimit; b++) {
            w |= (long) (segment.get(ValueLayout.JAVA_BYTE, b) & 0xFF) << (56 - bits);
            bits += 8;
        }
        window = w << shift;
        windowBits = Math.max(0, bits - shift);
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

    private CorruptChunkException pastEnd(int wanted) {
        return new CorruptChunkException("bit stream ends early: wanted " + wanted + " bits, "
                + (limit - position) + " left", (position >>> 3) - reportBase);
    }
}
