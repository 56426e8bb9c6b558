package io.strata.testing.promql;

import io.strata.promql.engine.QueryResult;
import io.strata.storage.Queryable;

/**
 * How the runner asks for query results: the PromQL engine in production ({@link EngineQueries}),
 * a fake in the runner's own tests. A query error is thrown as a
 * {@link io.strata.model.StrataException} whose message is what {@code expect fail} compares;
 * any other exception is a crash and fails the eval whatever it expected.
 */
public interface QueryFunction {
    QueryResult instant(Queryable storage, String expr, long timeMs);

    QueryResult range(Queryable storage, String expr, long startMs, long endMs, long stepMs);
}
