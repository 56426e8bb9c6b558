package io.strata.promql.ast;

/**
 * A node of a parsed PromQL expression. Nodes are immutable values; the engine never changes
 * them, it derives what depends on the query (durations computed from {@code step()}, the time
 * {@code @ start()} resolves to) while it evaluates.
 */
public sealed interface Expr
        permits AggregateExpr, BinaryExpr, Call, DurationExpr, MatrixSelector, NumberLiteral, ParenExpr,
        StringLiteral, SubqueryExpr, UnaryExpr, VectorSelector {
    /** Where this node sits in the query text. */
    PositionRange position();

    /** The static type the parser checked. */
    ValueType type();
}
