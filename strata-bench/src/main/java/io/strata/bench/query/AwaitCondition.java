package io.strata.bench.query;

import java.util.Objects;

/**
 * A condition the benchmark waits for on every target before it measures: the instant query
 * {@code expr} returns one sample equal to {@code expected}. Data loading uses it to know that a
 * target has ingested everything, e.g. {@code count({job="node"})=100000} and
 * {@code sum(count_over_time({job="node"}[2h]))=48000000}.
 */
public record AwaitCondition(String expr, double expected) {
    public AwaitCondition {
        Objects.requireNonNull(expr, "expr");
    }

    /**
     * Parses {@code EXPR=VALUE}, split at the last {@code =} since the expression itself may hold
     * some ({@code {job="node"}}).
     *
     * @throws IllegalArgumentException naming the text when there is no {@code =} or the value is not a number
     */
    public static AwaitCondition parse(String text) {
        int eq = text.lastIndexOf('=');
        String expr = eq <= 0 ? "" : text.substring(0, eq).strip();
        String value = eq < 0 ? "" : text.substring(eq + 1).strip();
        double expected;
        try {
            expected = Double.parseDouble(value);
        } catch (NumberFormatException e) {
            expected = Double.NaN;
        }
        if (expr.isEmpty() || Double.isNaN(expected)) {
            throw new IllegalArgumentException("--await must be EXPR=NUMBER, like count({job=\"node\"})=100000 [value=" + text + "]");
        }
        return new AwaitCondition(expr, expected);
    }

    /** Whether an answer's value string (as the API writes it: {@code "48000000"}, {@code "4.8e+07"}) is the expected number. */
    public boolean isMetBy(String value) {
        if (value == null) {
            return false;
        }
        try {
            double v = Double.parseDouble(value);
            return v == expected || Math.abs(v - expected) <= 1e-9 * Math.abs(expected);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return expr + " = " + (expected == Math.rint(expected) && Math.abs(expected) < 1e15
                ? Long.toString((long) expected) : Double.toString(expected));
    }
}
