package io.strata.promql.functions;

import io.strata.promql.engine.FunctionImpl;
import io.strata.promql.engine.FunctionTable;

import java.util.HashMap;
import java.util.Map;

/** The implementations of every function in {@link io.strata.promql.ast.Functions}. */
public final class StandardFunctions {
    private static final FunctionTable TABLE = new FunctionTable(build());

    private StandardFunctions() {
    }

    public static FunctionTable table() {
        return TABLE;
    }

    private static Map<String, FunctionImpl> build() {
        Map<String, FunctionImpl> m = new HashMap<>();
        m.put("rate", Adapters.overWindows(0, false, Rates::rate));
        m.put("increase", Adapters.overWindows(0, false, Rates::increase));
        m.put("delta", Adapters.overWindows(0, false, Rates::delta));
        m.put("irate", Adapters.overWindows(0, false, Rates::irate));
        m.put("idelta", Adapters.overWindows(0, false, Rates::idelta));
        m.put("abs", Adapters.elementwise(Math::abs));
        return m;
    }
}
