package io.strata.aggregator.stream;

import io.strata.encoding.chunk.DecimalScale;

/**
 * Sums of short decimals that stay short decimals. {@code 0.1 + 0.2} in binary floating point is
 * {@code 0.30000000000000004}, which the decimal chunk encoding cannot store as an integer: one
 * such value sends its whole chunk to the float fallback, at several times the bytes. Counter
 * offsets, increases and window sums are built from the scraped values, which are short
 * decimals, so they are added as scaled integers and come out as the decimal a person would write.
 */
public final class DecimalMath {
    private static final double MAX_EXACT = 9_007_199_254_740_992.0;

    private DecimalMath() {}

    /** {@code a + b}, exact when both are decimals of at most {@link DecimalScale#MAX_SCALE} places. */
    public static double add(double a, double b) {
        if (a == 0) {
            return b;
        }
        if (b == 0) {
            return a;
        }
        int ka = DecimalScale.scaleOf(a);
        int kb = ka < 0 ? -1 : DecimalScale.scaleOf(b);
        if (kb < 0) {
            return a + b;
        }
        int k = Math.max(ka, kb);
        long sum = DecimalScale.scaled(a, k) + DecimalScale.scaled(b, k);
        return Math.abs((double) sum) <= MAX_EXACT ? DecimalScale.unscale(sum, k) : a + b;
    }

    /** {@code a - b}, exact as {@link #add} is. */
    public static double subtract(double a, double b) {
        return add(a, -b);
    }
}
