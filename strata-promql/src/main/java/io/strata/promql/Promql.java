package io.strata.promql;

import io.strata.promql.engine.Engine;
import io.strata.promql.engine.EngineOptions;
import io.strata.promql.functions.StandardFunctions;

/** The front door: an {@link Engine} with the standard function library. */
public final class Promql {
    private Promql() {
    }

    public static Engine engine(EngineOptions options) {
        return new Engine(options, StandardFunctions.table());
    }
}
