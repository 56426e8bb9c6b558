package io.strata.promql.ast;

import java.util.List;

/** A function call {@code name(args...)}; {@code function} comes from {@link Functions}. */
public record Call(FunctionDef function, List<Expr> args, PositionRange position) implements Expr {
    public Call {
        args = List.copyOf(args);
    }

    @Override
    public ValueType type() {
        return function.returnType();
    }
}
