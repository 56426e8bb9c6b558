package io.strata.promql.engine;

/** A scalar per step; every step has a value (possibly NaN). */
public record StepScalar(double[] values) implements EvalValue {
    public static StepScalar constant(double value, int steps) {
        double[] v = new double[steps];
        java.util.Arrays.fill(v, value);
        return new StepScalar(v);
    }

    public double at(int step) {
        return values[step];
    }
}
