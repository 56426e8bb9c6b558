package io.strata.encoding.chunk;

/**
 * The bit codes of a {@link ChunkFormat#DECIMAL_V1} stream's values (layout in
 * {@code docs/format/chunks.md}), shared by its writers: {@link DecimalValueWriter} and the
 * head's own one-object open chunk, which writes the same bits without this module's writer
 * objects.
 *
 * <pre>
 * mode          MODE_BITS: 0..6 a decimal scale then the scaled integer (64 bits),
 *               FLOAT_MODE then the raw double (64 bits)
 * decimal value the delta of delta of the integer: 'ones' one bits, a zero, payloadBits(ones)
 *               bits; 0 ones is dd = 0; ESCAPE_ONES ones (no zero) start a new mode
 * </pre>
 */
public final class DecimalValueCode {
    /** Mode code of the XOR fallback; 0..6 are decimal scales. */
    public static final int FLOAT_MODE = 7;
    public static final int MODE_BITS = 3;
    /** Leading ones of the escape to a new mode. */
    public static final int ESCAPE_ONES = 6;

    /** Payload bits after 0..5 leading ones. */
    private static final int[] PAYLOAD_BITS = {0, 7, 13, 20, 32, 64};

    private DecimalValueCode() {}

    /** The leading ones of the smallest bucket holding {@code dd}: 0 for 0, at most 5. */
    public static int bucketOf(long dd) {
        if (dd == 0) {
            return 0;
        }
        for (int ones = 1; ones < PAYLOAD_BITS.length - 1; ones++) {
            if (TimestampDeltas.fitsSigned(dd, PAYLOAD_BITS[ones])) {
                return ones;
            }
        }
        return PAYLOAD_BITS.length - 1;
    }

    /** Payload bits of the bucket with {@code ones} leading ones (0..5). */
    public static int payloadBits(int ones) {
        return PAYLOAD_BITS[ones];
    }
}
