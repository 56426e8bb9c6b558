package io.strata.promql.engine;

import io.strata.promql.ast.Expr;

/**
 * A prepared query. {@link #execute()} runs it on the calling thread; {@link #cancel()} may be
 * called from any thread (e.g. when the HTTP client disconnects) and makes {@code execute()}
 * throw a CANCELED {@link io.strata.model.StrataException} at its next check, which happens
 * between steps and between series.
 */
public interface Query {
    /** The parsed expression. */
    Expr expr();

    /** The query text as given. */
    String text();

    QueryResult execute();

    void cancel();
}
