package io.strata.promql.engine;

import java.util.Map;

/** The implementations the engine calls, by function name; see {@code io.strata.promql.functions}. */
public record FunctionTable(Map<String, FunctionImpl> byName) {
    public FunctionTable {
        byName = Map.copyOf(byName);
    }

    public FunctionImpl get(String name) {
        return byName.get(name);
    }
}
