package io.strata.promql.ast;

/**
 * Binary operators with Prometheus's precedence (higher binds tighter) and associativity:
 * {@code or} (1) &lt; {@code and unless} (2) &lt; comparisons and the trim operators
 * {@code </ >/} (3) &lt; {@code + -} (4) &lt; {@code * / % atan2} (5) &lt; {@code ^} (6,
 * right-associative). The trim operators share the comparisons' precedence in Prometheus's grammar
 * ({@code %left EQLC GTE GTR LSS LTE NEQ TRIM_UPPER TRIM_LOWER}) but are not comparisons: they
 * take no {@code bool}.
 */
public enum BinaryOp {
    OR("or", 1),
    AND("and", 2),
    UNLESS("unless", 2),
    EQL("==", 3),
    NEQ("!=", 3),
    GTR(">", 3),
    LSS("<", 3),
    GTE(">=", 3),
    LTE("<=", 3),
    ADD("+", 4),
    SUB("-", 4),
    MUL("*", 5),
    DIV("/", 5),
    MOD("%", 5),
    ATAN2("atan2", 5),
    /** Histogram trim operator {@code </}: keeps the part of each bucket below the bound. */
    TRIM_UPPER("</", 3),
    /** Histogram trim operator {@code >/}: keeps the part of each bucket above the bound. */
    TRIM_LOWER(">/", 3),
    POW("^", 6);

    private final String text;
    private final int precedence;

    BinaryOp(String text, int precedence) {
        this.text = text;
        this.precedence = precedence;
    }

    public String text() {
        return text;
    }

    public int precedence() {
        return precedence;
    }

    public boolean isRightAssociative() {
        return this == POW;
    }

    public boolean isComparison() {
        return switch (this) {
            case EQL, NEQ, GTR, LSS, GTE, LTE -> true;
            default -> false;
        };
    }

    public boolean isSetOperator() {
        return this == AND || this == OR || this == UNLESS;
    }
}
