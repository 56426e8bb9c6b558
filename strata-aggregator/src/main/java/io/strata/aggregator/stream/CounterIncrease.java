package io.strata.aggregator.stream;

/**
 * The increase of a counter from one sample to the next, as Prometheus's {@code increase} counts
 * it: a drop is a reset, after which the new value is the whole increase; the first sample (no
 * previous value) only sets the baseline. Shared by streaming and batch rollups so both count the
 * same way.
 */
final class CounterIncrease {
    private CounterIncrease() {}

    /** @param previous the previous value, NaN for none */
    static double between(double previous, double value) {
        if (Double.isNaN(previous)) {
            return 0;
        }
        return value >= previous ? DecimalMath.subtract(value, previous) : value;
    }
}
