package io.strata.promql.ast;

import java.util.List;

/**
 * The signature of a PromQL function, used by the parser for type checks.
 *
 * @param argTypes the declared argument types in order
 * @param variadic as in Prometheus: 0 means exactly {@code argTypes.size()} arguments; n &gt; 0
 *     means the last argument may appear 0 to n times ({@code hour()} / {@code hour(v)},
 *     {@code round(v)} / {@code round(v, s)}); -1 means it appears any number of times, at
 *     least 0 ({@code label_join(v, dst, sep, src...)})
 * @param experimental needs the {@code promql-experimental-functions} feature
 */
public record FunctionDef(
        String name, List<ValueType> argTypes, int variadic, ValueType returnType, boolean experimental) {
    public FunctionDef {
        argTypes = List.copyOf(argTypes);
    }
}
