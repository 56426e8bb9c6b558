package io.strata.server.api;

/**
 * The bucket boundaries of exponential native histograms: bucket {@code i} of schema {@code s}
 * ends at {@code 2^(i / 2^s)}, written as a fraction in {@code [0.5, 1)} times a power of two.
 * The 256 fractions of schema 8 are computed once; schema {@code s} uses every
 * {@code 2^(8-s)}-th of them. Prometheus ships a table of its own whose entries are not all the
 * correctly rounded powers, so a few bounds can differ from Prometheus's in the last digit.
 */
final class ExponentialBounds {
    static final int MAX_SCHEMA = 8;

    private static final double[] SCHEMA_8_FRACTIONS = computeFractions();

    private ExponentialBounds() {}

    /** The fraction in {@code [0.5, 1)} for {@code fractionIndex} in {@code [0, 2^schema)}. */
    static double fraction(int schema, int fractionIndex) {
        return SCHEMA_8_FRACTIONS[fractionIndex << (MAX_SCHEMA - schema)];
    }

    private static double[] computeFractions() {
        int n = 1 << MAX_SCHEMA;
        double[] fractions = new double[n];
        for (int j = 0; j < n; j++) {
            fractions[j] = StrictMath.pow(2, (double) j / n) / 2;
        }
        return fractions;
    }
}
