package io.strata.encoding.chunk;

/**
 * Recognises doubles that are short decimals: {@code v == (double) m / 10^k} bit for bit, with
 * {@code |m| < 2^53} so that {@code m} converts to a double exactly. Such values (counters,
 * byte counts, values with a few decimals parsed from text exposition) are stored as integers
 * {@code m}, which compress far better than the bits of the double.
 *
 * <p>Decoding divides by an exact power of ten; IEEE division is correctly rounded, so any
 * {@code (n, e)} denoting the same rational decodes to the same double, and the encoder checks
 * every value with {@link #decode} itself before relying on it.
 */
final class DecimalValues {
    /** Largest decimal scale tried; 10^15 keeps typical magnitudes below 2^53. */
    static final int MAX_SCALE = 15;
    /** Integers below this magnitude are exact in a double. */
    static final long MAX_MAGNITUDE = 1L << 53;

    private static final double[] POW10 = new double[MAX_SCALE + 1];
    private static final long[] LONG_POW10 = new long[MAX_SCALE + 1];

    static {
        double p = 1;
        long lp = 1;
        for (int i = 0; i <= MAX_SCALE; i++) {
            POW10[i] = p;
            LONG_POW10[i] = lp;
            p *= 10;
            lp *= 10;
        }
    }

    private DecimalValues() {}

    /** The smallest scale at which {@code v} is a short decimal, or -1 (NaN, infinities, -0.0, long fractions). */
    static int scaleOf(double v) {
        long bits = Double.doubleToRawLongBits(v);
        if (!Double.isFinite(v) || bits == Long.MIN_VALUE) {
            return -1;
        }
        for (int k = 0; k <= MAX_SCALE; k++) {
            double scaled = v * POW10[k];
            if (Math.abs(scaled) >= MAX_MAGNITUDE) {
                return -1;
            }
            long m = (long) Math.rint(scaled);
            if (Double.doubleToRawLongBits(decode(m, k)) == bits) {
                return k;
            }
        }
        return -1;
    }

    /** The integer m of {@code v} at scale {@code k}, for a scale returned by {@link #scaleOf}. */
    static long mantissa(double v, int k) {
        return (long) Math.rint(v * POW10[k]);
    }

    /**
     * {@code m} rescaled from scale {@code from} to the larger scale {@code to}, or
     * {@link Long#MIN_VALUE} when the result is not below {@link #MAX_MAGNITUDE}.
     */
    static long rescale(long m, int from, int to) {
        long factor = LONG_POW10[to - from];
        long limit = MAX_MAGNITUDE / factor;
        if (m >= limit || m <= -limit) {
            return Long.MIN_VALUE;
        }
        return m * factor;
    }

    /** The double the integer {@code n} at scale {@code scale} stands for. */
    static double decode(long n, int scale) {
        return scale == 0 ? (double) n : (double) n / POW10[scale];
    }
}
