package io.strata.promql.ast;

/** Aggregation operators; {@code param} is the type of the leading parameter, NONE if there is none. */
public enum AggregateOp {
    SUM("sum", ValueType.NONE, false),
    AVG("avg", ValueType.NONE, false),
    COUNT("count", ValueType.NONE, false),
    MIN("min", ValueType.NONE, false),
    MAX("max", ValueType.NONE, false),
    GROUP("group", ValueType.NONE, false),
    STDDEV("stddev", ValueType.NONE, false),
    STDVAR("stdvar", ValueType.NONE, false),
    TOPK("topk", ValueType.SCALAR, false),
    BOTTOMK("bottomk", ValueType.SCALAR, false),
    COUNT_VALUES("count_values", ValueType.STRING, false),
    QUANTILE("quantile", ValueType.SCALAR, false),
    LIMITK("limitk", ValueType.SCALAR, true),
    LIMIT_RATIO("limit_ratio", ValueType.SCALAR, true);

    private final String text;
    private final ValueType param;
    private final boolean experimental;

    AggregateOp(String text, ValueType param, boolean experimental) {
        this.text = text;
        this.param = param;
        this.experimental = experimental;
    }

    public String text() {
        return text;
    }

    public ValueType paramType() {
        return param;
    }

    public boolean hasParam() {
        return param != ValueType.NONE;
    }

    /** Needs the {@code promql-experimental-functions} feature, as in Prometheus. */
    public boolean experimental() {
        return experimental;
    }

    /** The operator for a keyword in any letter case, or {@code null}. */
    public static AggregateOp byKeyword(String word) {
        for (AggregateOp op : values()) {
            if (op.text.equalsIgnoreCase(word)) {
                return op;
            }
        }
        return null;
    }
}
