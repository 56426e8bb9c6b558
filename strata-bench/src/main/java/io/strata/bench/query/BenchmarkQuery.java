package io.strata.bench.query;

import java.util.Objects;

/**
 * One PromQL expression of the benchmark, with a short name for tables and JSON lines.
 *
 * @param name identifier, lower case with underscores (a table column and a JSON key)
 * @param expr the PromQL expression, sent as is to every target
 * @param what one line saying which shape of query it stands for
 */
public record BenchmarkQuery(String name, String expr, String what) {
    public BenchmarkQuery {
        Objects.requireNonNull(expr, "expr");
        Objects.requireNonNull(what, "what");
        if (name == null || !name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("query name must be lower case letters, digits and underscores [name=" + name + "]");
        }
    }
}
