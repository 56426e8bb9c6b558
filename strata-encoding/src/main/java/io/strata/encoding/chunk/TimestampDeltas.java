package io.strata.encoding.chunk;

import io.strata.encoding.BitReader;
import io.strata.encoding.BitWriter;

/**
 * The timestamp part of every sample after the first in the {@link ChunkFormat#XOR_V1} and
 * {@link ChunkFormat#DECIMAL_V1} streams: the delta of delta, Gorilla's buckets with
 * millisecond widths (table in {@code docs/format/chunks.md}).
 *
 * <pre>
 * '0'           dod = 0
 * '10'   7 bits
 * '110'  14 bits
 * '1110' 24 bits
 * '1111' 64 bits   any difference: timestamp arithmetic wraps modulo 2^64, so every pair of
 *                  increasing long timestamps round-trips, however far apart
 * </pre>
 *
 * The bucket widths are public for the head's one-object open chunk, which writes the same bits
 * without this module's writer objects.
 */
public final class TimestampDeltas {
    public static final int BUCKET_1 = 7;
    public static final int BUCKET_2 = 14;
    public static final int BUCKET_3 = 24;
    /** Worst case of one timestamp: '1111' and 64 bits. */
    static final int MAX_BITS = 4 + 64;

    private TimestampDeltas() {}

    static void write(BitWriter out, long dod) {
        if (dod == 0) {
            out.writeBit(false);
        } else if (fitsSigned(dod, BUCKET_1)) {
            out.writeBits(0b10, 2);
            out.writeBits(dod, BUCKET_1);
        } else if (fitsSigned(dod, BUCKET_2)) {
            out.writeBits(0b110, 3);
            out.writeBits(dod, BUCKET_2);
        } else if (fitsSigned(dod, BUCKET_3)) {
            out.writeBits(0b1110, 4);
            out.writeBits(dod, BUCKET_3);
        } else {
            out.writeBits(0b1111, 4);
            out.writeBits(dod, 64);
        }
    }

    static long read(BitReader in) {
        return switch (in.readUnaryOnes(4)) {
            case 0 -> 0;
            case 1 -> in.readSigned(BUCKET_1);
            case 2 -> in.readSigned(BUCKET_2);
            case 3 -> in.readSigned(BUCKET_3);
            default -> in.readBits(64);
        };
    }

    /** Whether {@code v} fits in {@code bits} bits of two's complement. */
    public static boolean fitsSigned(long v, int bits) {
        long half = 1L << (bits - 1);
        return v >= -half && v < half;
    }
}
