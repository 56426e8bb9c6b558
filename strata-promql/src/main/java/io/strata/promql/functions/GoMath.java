package io.strata.promql.functions;

/**
 * The float functions PromQL takes from Go's {@code math} package where Java has no equivalent or
 * a different rounding: results agree with Go's to the last bit or within an ulp. Uses
 * {@link StrictMath} (fdlibm) because Go's pure-Go functions are ports of the same algorithms, and
 * so that results do not depend on the JVM's intrinsics.
 */
final class GoMath {
    private static final double LN2 = 0.693147180559945309417232121458176568;
    private static final double TWO_POW_28 = 0x1p28;
    private static final double TWO_POW_MINUS_28 = 0x1p-28;

    private GoMath() {
    }

    /** Go's {@code math.Log2}: exact for powers of two, else {@code ln(frac)/ln2 + exp}. */
    static double log2(double x) {
        if (Double.isNaN(x) || x <= 0 || Double.isInfinite(x)) {
            return StrictMath.log(x); // NaN, -Inf for 0, NaN for negatives, +Inf for +Inf
        }
        int exp = Math.getExponent(x);
        double frac;
        if (exp == Double.MIN_EXPONENT - 1) {
            // Subnormal: normalise first so the split below sees a full mantissa.
            double normal = x * 0x1p54;
            exp = Math.getExponent(normal) - 54;
            frac = normal / Math.scalb(1.0, Math.getExponent(normal) + 1);
        } else {
            frac = x / Math.scalb(1.0, exp + 1);
        }
        // Go's Frexp: x = frac * 2^(exp+1) with frac in [0.5, 1).
        int goExp = exp + 1;
        if (frac == 0.5) {
            return goExp - 1;
        }
        return StrictMath.log(frac) * (1 / LN2) + goExp;
    }

    /** Go's {@code math.Log10}: {@code ln(x) * (1/ln10)}. */
    static double log10(double x) {
        return StrictMath.log(x) * (1 / 2.30258509299404568401799145468436421);
    }

    /** Inverse hyperbolic sine, with the same case split as fdlibm and Go. */
    static double asinh(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        boolean negative = x < 0;
        double a = Math.abs(x);
        double r;
        if (a > TWO_POW_28) {
            r = StrictMath.log(a) + LN2;
        } else if (a > 2) {
            r = StrictMath.log(2 * a + 1 / (StrictMath.sqrt(a * a + 1) + a));
        } else if (a < TWO_POW_MINUS_28) {
            r = a;
        } else {
            r = StrictMath.log1p(a + a * a / (1 + StrictMath.sqrt(1 + a * a)));
        }
        return negative ? -r : r;
    }

    /** Inverse hyperbolic cosine: NaN below 1. */
    static double acosh(double x) {
        if (x < 1 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x == 1) {
            return 0;
        }
        if (x >= TWO_POW_28) {
            return StrictMath.log(x) + LN2;
        }
        if (x > 2) {
            return StrictMath.log(2 * x - 1 / (x + StrictMath.sqrt(x * x - 1)));
        }
        double t = x - 1;
        return StrictMath.log1p(t + StrictMath.sqrt(2 * t + t * t));
    }

    /** Inverse hyperbolic tangent: NaN outside [-1, 1], infinite at the ends. */
    static double atanh(double x) {
        if (x < -1 || x > 1 || Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x == 1) {
            return Double.POSITIVE_INFINITY;
        }
        if (x == -1) {
            return Double.NEGATIVE_INFINITY;
        }
        boolean negative = x < 0;
        double a = Math.abs(x);
        double r;
        if (a < TWO_POW_MINUS_28) {
            r = a;
        } else if (a < 0.5) {
            double t = a + a;
            r = 0.5 * StrictMath.log1p(t + t * a / (1 - a));
        } else {
            r = 0.5 * StrictMath.log1p((a + a) / (1 - a));
        }
        return negative ? -r : r;
    }

    /** PromQL's {@code sgn}: -1, +1, or the value itself for zeros and NaN. */
    static double sgn(double v) {
        if (v < 0) {
            return -1;
        }
        if (v > 0) {
            return 1;
        }
        return v;
    }
}
