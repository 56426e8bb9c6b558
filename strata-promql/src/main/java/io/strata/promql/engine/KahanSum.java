package io.strata.promql.engine;

/**
 * Kahan-Neumaier compensated summation, as Prometheus uses for {@code sum}, {@code avg} and the
 * {@code *_over_time} functions. The running state is a (sum, compensation) pair the caller keeps
 * in its own arrays, so nothing is allocated.
 */
public final class KahanSum {
    private KahanSum() {
    }

    /** The new sum after adding {@code inc}; compute the matching compensation with {@link #compensation}. */
    public static double sum(double inc, double sum) {
        return sum + inc;
    }

    /** The new compensation after adding {@code inc} to {@code sum} with compensation {@code c}. */
    public static double compensation(double inc, double sum, double c) {
        double t = sum + inc;
        if (Double.isInfinite(t)) {
            return 0;
        }
        // Neumaier: take the rounding error from whichever operand is larger.
        if (Math.abs(sum) >= Math.abs(inc)) {
            return c + ((sum - t) + inc);
        }
        return c + ((inc - t) + sum);
    }
}
