package io.strata.encoding.chunk;

/**
 * Which values a {@link ChunkFormat#DECIMAL_V1} stream stores as integers: a double {@code v} is
 * "decimal at scale k" (k in 0..6) when some integer {@code n} with {@code |n| <= 2^53} gives back
 * exactly {@code v}'s bits as {@code (double) n / 10^k}. That is true of every value printed
 * with at most k decimals (a counter of bytes, a load average of 0.57) and false of NaN,
 * infinities, {@code -0.0} and results of arithmetic such as 0.1 + 0.2.
 *
 * <p>Writer and reader must compute the value with the same expression, {@link #unscale}: the
 * check in {@link #fits} is a round trip through it, so a stored integer always decodes to the
 * exact bits that were appended.
 */
public final class DecimalScale {
    /** The largest scale: values with up to 6 decimals. */
    public static final int MAX_SCALE = 6;
    private static final double[] POWERS = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000};
    /** Every integer up to 2^53 in magnitude is exact as a double. */
    private static final double MAX_EXACT = 9_007_199_254_740_992.0;

    private DecimalScale() {}

    /** The smallest scale at which {@code v} is decimal, or -1 when there is none. */
    public static int scaleOf(double v) {
        for (int k = 0; k <= MAX_SCALE; k++) {
            if (fits(v, k)) {
                return k;
            }
        }
        return -1;
    }

    /** Whether {@code v} is decimal at scale {@code k}. */
    public static boolean fits(double v, int k) {
        double s = v * POWERS[k];
        if (!(Math.abs(s) <= MAX_EXACT)) {
            return false; // also NaN
        }
        return Double.doubleToRawLongBits(unscale(Math.round(s), k)) == Double.doubleToRawLongBits(v);
    }

    /** The integer that stands for {@code v} at scale {@code k}; only meaningful when {@link #fits}. */
    public static long scaled(double v, int k) {
        return Math.round(v * POWERS[k]);
    }

    /** The value the integer {@code n} stands for at scale {@code k}. */
    public static double unscale(long n, int k) {
        return k == 0 ? (double) n : (double) n / POWERS[k];
    }
}
