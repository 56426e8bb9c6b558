package io.strata.promql.ast;

/**
 * The {@code @} modifier of a selector or subquery: none, a fixed timestamp, or the query's
 * {@code start()} / {@code end()}.
 *
 * @param kind which form was written
 * @param timestampMs the fixed time in milliseconds, meaningful only for {@link Kind#TIMESTAMP}
 */
public record AtModifier(Kind kind, long timestampMs) {
    public enum Kind { NONE, TIMESTAMP, START, END }

    public static final AtModifier NONE = new AtModifier(Kind.NONE, 0);
    public static final AtModifier START = new AtModifier(Kind.START, 0);
    public static final AtModifier END = new AtModifier(Kind.END, 0);

    public static AtModifier at(long timestampMs) {
        return new AtModifier(Kind.TIMESTAMP, timestampMs);
    }

    public boolean isSet() {
        return kind != Kind.NONE;
    }
}
