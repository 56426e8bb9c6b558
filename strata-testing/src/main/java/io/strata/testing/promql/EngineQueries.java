package io.strata.testing.promql;

import io.strata.promql.Promql;
import io.strata.promql.engine.Engine;
import io.strata.promql.engine.EngineOptions;
import io.strata.promql.engine.QueryOptions;
import io.strata.promql.engine.QueryResult;
import io.strata.storage.Queryable;

/** Queries through Strata's engine with the settings of Prometheus's test engine ({@link EngineOptions#CONFORMANCE}). */
public final class EngineQueries implements QueryFunction {
    private final Engine engine;

    public EngineQueries() {
        this(Promql.engine(EngineOptions.CONFORMANCE));
    }

    public EngineQueries(Engine engine) {
        this.engine = engine;
    }

    @Override
    public QueryResult instant(Queryable storage, String expr, long timeMs) {
        return engine.instantQuery(storage, expr, timeMs, QueryOptions.DEFAULT).execute();
    }

    @Override
    public QueryResult range(Queryable storage, String expr, long startMs, long endMs, long stepMs) {
        return engine.rangeQuery(storage, expr, startMs, endMs, stepMs, QueryOptions.DEFAULT).execute();
    }
}
