package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;

/**
 * Writes the body of an {@link ChunkFormat#XOR_V1} chunk: Gorilla's delta-of-delta timestamps
 * and XOR-compressed values, interleaved per sample (bit layout in {@code docs/format/chunks.md}).
 * The first timestamp is not written: it is the chunk header's minTime.
 *
 * <p>All timestamp arithmetic wraps modulo 2^64 and the 64-bit bucket carries any difference,
 * so every pair of increasing {@code long} timestamps round-trips, however far apart.
 */
final class XorStreamWriter {
    /** Bits of the '11' control's leading-zero count and of its meaningful-bit count minus one. */
    static final int LEADING_BITS = 6;
    static final int LENGTH_BITS = 6;
    /** Bits of the value in each delta-of-delta bucket after the '0', '10', '110', '1110', '1111' prefixes. */
    static final int DOD_BUCKET_1 = 7;
    static final int DOD_BUCKET_2 = 14;
    static final int DOD_BUCKET_3 = 24;
    /** Worst case per sample: '1111' + 64 bits of delta-of-delta, '11' + 12 + 64 bits of value. */
    static final int MAX_SAMPLE_BITS = 4 + 64 + 2 + LEADING_BITS + LENGTH_BITS + 64;

    private int count;
    private long lastTimestamp;
    private long lastDelta;
    private long lastBits;
    /** The previous meaningful-bit window; -1 until the first '11' control defines one. */
    private int leading = -1;
    private int trailing;

    void reset() {
        count = 0;
        lastTimestamp = 0;
        lastDelta = 0;
        lastBits = 0;
        leading = -1;
        trailing = 0;
    }

    int count() {
        return count;
    }

    void append(BitWriter out, long timestamp, double value) {
        long bits = Double.doubleToRawLongBits(value);
        if (count == 0) {
            out.writeBits(bits, 64);
        } else {
            long delta = timestamp - lastTimestamp;
            writeDeltaOfDelta(out, delta - lastDelta);
            lastDelta = delta;
            writeXor(out, bits ^ lastBits);
        }
        lastTimestamp = timestamp;
        lastBits = bits;
        count++;
    }

    private static void writeDeltaOfDelta(BitWriter out, long dod) {
        if (dod == 0) {
            out.writeBit(false);
        } else if (fitsSigned(dod, DOD_BUCKET_1)) {
            out.writeBits(0b10, 2);
            out.writeBits(dod, DOD_BUCKET_1);
        } else if (fitsSigned(dod, DOD_BUCKET_2)) {
            out.writeBits(0b110, 3);
            out.writeBits(dod, DOD_BUCKET_2);
        } else if (fitsSigned(dod, DOD_BUCKET_3)) {
            out.writeBits(0b1110, 4);
            out.writeBits(dod, DOD_BUCKET_3);
        } else {
            out.writeBits(0b1111, 4);
            out.writeBits(dod, 64);
        }
    }

    private void writeXor(BitWriter out, long xor) {
        if (xor == 0) {
            out.writeBit(false);
            return;
        }
        int newLeading = Long.numberOfLeadingZeros(xor);
        int newTrailing = Long.numberOfTrailingZeros(xor);
        int newLength = 64 - newLeading - newTrailing;
        int windowLength = 64 - leading - trailing;
        // Reuse the previous window when it holds the bits and costs no more than a new header.
        if (leading >= 0 && newLeading >= leading && newTrailing >= trailing
                && windowLength <= newLength + LEADING_BITS + LENGTH_BITS) {
            out.writeBits(0b10, 2);
            out.writeBits(xor >>> trailing, windowLength);
        } else {
            leading = newLeading;
            trailing = newTrailing;
            out.writeBits(0b11, 2);
            out.writeBits(newLeading, LEADING_BITS);
            out.writeBits(newLength - 1, LENGTH_BITS);
            out.writeBits(xor >>> newTrailing, newLength);
        }
    }

    static boolean fitsSigned(long v, int bits) {
        long half = 1L << (bits - 1);
        return v >= -half && v < half;
    }
}
