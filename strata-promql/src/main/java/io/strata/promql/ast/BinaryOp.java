package io.strata.promql.ast;

/**
 * Binary operators with Prometheus's precedence (higher binds tighter) and associativity:
 * {@code or} (1) &lt; {@code and unless} (2) &lt; comparisons (3) &lt; {@code + -} (4) &lt;
 * {@code * / % atan2 </ >/} (5) &lt; {@code ^} (6, right-associative).
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
    TRIM_UPPER("</", 5),
    /** Histogram trim operator {@code >/}: keeps the part of each bucket above the bound. */
    TRIM_LOWER(">/", 5),
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
        return precedence == 3;
    }

    public boolean isSetOperator() {
        return this == AND || this == OR || this == UNLESS;
    }
}
