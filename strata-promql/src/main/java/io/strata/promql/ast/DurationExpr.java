package io.strata.promql.ast;

/**
 * Arithmetic on durations inside {@code [...]} and after {@code offset}: {@code [5m+1m]},
 * {@code offset -(1h % 25m)}, {@code [step()*2]}, {@code [min_of(5m, range())]}. Leaves are
 * {@link NumberLiteral}s holding seconds. The engine evaluates it to milliseconds per query
 * because {@code step()} and {@code range()} depend on the query.
 *
 * @param op the operator; {@link Op#STEP} and {@link Op#RANGE} take no operands, {@link Op#NEG}
 *     only {@code rhs}, the others both
 * @param wrapped written in parentheses (for the printer)
 */
public record DurationExpr(Op op, Expr lhs, Expr rhs, boolean wrapped, PositionRange position) implements Expr {
    public enum Op { ADD, SUB, MUL, DIV, MOD, POW, NEG, STEP, RANGE, MIN_OF, MAX_OF }

    @Override
    public ValueType type() {
        return ValueType.SCALAR;
    }
}
