package io.strata.encoding.chunk;

/**
 * Mixed-radix packing of small-range values: {@code g} values in {@code [0, radix)} become one
 * number {@code d0 + d1*radix + d2*radix^2 + ...} below 2^32, written in as few bits as that
 * number needs. Five jitter values in {@code [-2, 2]} cost log2(5) = 2.32 bits each this way
 * (13 in 31 bits) instead of the 3 bits of any per-value code.
 *
 * <p>Groups stay below 2^32 so the decoder divides by the radix with one multiplication
 * (Lemire's fastdiv) instead of a slow 64-bit division.
 */
final class RadixPacking {
    /** Radixes up to 2^16 keep at least two values a group. */
    static final long MAX_RADIX = 1L << 16;
    private static final long GROUP_LIMIT = 1L << 32;

    private RadixPacking() {}

    /** How many values of this radix share one group. */
    static int groupSize(long radix) {
        int size = 0;
        long product = 1;
        while (product <= GROUP_LIMIT / radix) {
            product *= radix;
            size++;
        }
        return size;
    }

    /** Bits of a group of {@code digits} values (the bit length of radix^digits - 1). */
    static int groupBits(long radix, int digits) {
        long product = 1;
        for (int i = 0; i < digits; i++) {
            product *= radix;
        }
        return 64 - Long.numberOfLeadingZeros(product - 1);
    }

    /** Bits of {@code count} values of this radix, groups and the final partial group. */
    static long costBits(long radix, int count) {
        int size = groupSize(radix);
        return (long) (count / size) * groupBits(radix, size) + groupBits(radix, count % size);
    }

    /** The multiplier of {@link #divide}: ceil(2^64 / radix) as an unsigned 64-bit number. */
    static long reciprocal(long radix) {
        return Long.divideUnsigned(-1L, radix) + 1;
    }

    /** {@code value / radix} for {@code value < 2^32}, given {@code reciprocal(radix)}. */
    static long divide(long value, long reciprocal) {
        return Math.unsignedMultiplyHigh(reciprocal, value);
    }
}
