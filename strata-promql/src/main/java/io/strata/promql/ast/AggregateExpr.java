package io.strata.promql.ast;

import java.util.List;

/**
 * {@code op [by|without (labels)] ([param,] expr)}.
 *
 * @param param the leading parameter of topk, quantile, count_values, ...; {@code null} otherwise
 * @param grouping the labels of {@code by(...)} / {@code without(...)}, in written order
 * @param without true for {@code without}
 */
public record AggregateExpr(
        AggregateOp op, Expr expr, Expr param, List<String> grouping, boolean without, PositionRange position)
        implements Expr {
    public AggregateExpr {
        grouping = List.copyOf(grouping);
    }

    @Override
    public ValueType type() {
        return ValueType.VECTOR;
    }
}
