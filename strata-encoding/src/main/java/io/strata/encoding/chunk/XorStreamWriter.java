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
    /** Bits of the value in each delta-of-delta bucket after the '0', '10', '110', '1110', '1111' prefixes. */
    static final int DOD_BUCKET_1 = 7;
    static final int DOD_BUCKET_2 = 14;
    static final int DOD_BUCKET_3 = 24;
    /** Worst case per sample: '1111' + 64 bits of delta-of-delta, '11' + 12 + 64 bits of value. */
    static final int MAX_SAMPLE_BITS = 4 + 64 + XorValueWriter.MAX_BITS;

    private int count;
    private long lastTimestamp;
    private long lastDelta;
    private final XorValueWriter values = new XorValueWriter();

    void reset() {
        count = 0;
        lastTimestamp = 0;
        lastDelta = 0;
    }

    int count() {
        return count;
    }

    void append(BitWriter out, long timestamp, double value) {
        long bits = Double.doubleToRawLongBits(value);
        if (count == 0) {
            out.writeBits(bits, 64);
            values.start(bits);
        } else {
            long delta = timestamp - lastTimestamp;
            writeDeltaOfDelta(out, delta - lastDelta);
            lastDelta = delta;
            values.write(out, bits);
        }
        lastTimestamp = timestamp;
        count++;
    }

    /** The timestamp part of a sample, shared with {@link DecimalStreamWriter}. */
    static void writeDeltaOfDelta(BitWriter out, long dod) {
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

    static boolean fitsSigned(long v, int bits) {
        long half = 1L << (bits - 1);
        return v >= -half && v < half;
    }
}
