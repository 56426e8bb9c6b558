package io.strata.promql.ast;

import io.strata.model.Matcher;

import java.util.List;

/**
 * An instant vector selector such as {@code http_requests_total{job="api"} offset 5m @ 100}.
 *
 * @param name the metric name written before the braces, or {@code null}
 * @param matchers every matcher, including the {@code __name__} matcher derived from {@code name}
 * @param offsetMs the offset in milliseconds when it was a literal (negative allowed), else 0
 * @param offsetExpr the offset when written as a duration expression ({@code offset (5m+1m)}),
 *     evaluated per query; {@code null} when absent or literal
 * @param at the {@code @} modifier
 * @param anchored the experimental {@code anchored} modifier (extended range selectors)
 * @param smoothed the experimental {@code smoothed} modifier (extended range selectors)
 */
public record VectorSelector(
        String name,
        List<Matcher> matchers,
        long offsetMs,
        Expr offsetExpr,
        AtModifier at,
        boolean anchored,
        boolean smoothed,
        PositionRange position) implements Expr {
    public VectorSelector {
        matchers = List.copyOf(matchers);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }

    public VectorSelector withAt(AtModifier newAt) {
        return new VectorSelector(name, matchers, offsetMs, offsetExpr, newAt, anchored, smoothed, position);
    }

    public VectorSelector withOffset(long newOffsetMs, Expr newOffsetExpr) {
        return new VectorSelector(name, matchers, newOffsetMs, newOffsetExpr, at, anchored, smoothed, position);
    }

    public VectorSelector withModifiers(boolean newAnchored, boolean newSmoothed) {
        return new VectorSelector(name, matchers, offsetMs, offsetExpr, at, newAnchored, newSmoothed, position);
    }
}
