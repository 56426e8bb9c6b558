package io.strata.bench.query;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * When the queries are evaluated: an instant query at {@code time}, a range query over
 * {@code [time - range, time]} every {@code step}. Fixing the time (instead of "now") makes every
 * target evaluate exactly the same points over the same data, and repeated runs comparable.
 */
public record QueryWindow(Instant time, Duration range, Duration step) {
    /** Prometheus refuses range queries with more than 11,000 points per series; stay well inside. */
    public static final long MAX_POINTS = 11_000;

    public QueryWindow {
        Objects.requireNonNull(time, "time");
        if (range.isNegative() || range.isZero()) {
            throw new IllegalArgumentException("--range must be positive [value=" + range + "]");
        }
        if (step.toMillis() < 1) {
            throw new IllegalArgumentException("--step must be at least 1ms [value=" + step + "]");
        }
        if (range.toMillis() / step.toMillis() + 1 > MAX_POINTS) {
            throw new IllegalArgumentException("--range / --step gives more than " + MAX_POINTS
                    + " points per series, which Prometheus refuses [range=" + range + ", step=" + step + "]");
        }
    }

    /** Points per series of a range query: both ends included. */
    public long rangePoints() {
        return range.toMillis() / step.toMillis() + 1;
    }

    /** The request parameters of {@code expr} as a query of {@code kind}, in a stable order. */
    public Map<String, String> params(QueryKind kind, String expr) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("query", expr);
        switch (kind) {
            case INSTANT -> p.put("time", seconds(time.toEpochMilli()));
            case RANGE -> {
                p.put("start", seconds(time.toEpochMilli() - range.toMillis()));
                p.put("end", seconds(time.toEpochMilli()));
                p.put("step", seconds(step.toMillis()));
            }
        }
        return p;
    }

    /** Epoch or duration seconds as the API takes them: {@code 1748779200}, {@code 1748779200.5}, {@code 0.25}. */
    static String seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
    }
}
