package io.strata.promql.engine;

import io.strata.promql.ast.Expr;
import io.strata.storage.Queryable;

/** A parsed query bound to its storage and time range; see {@link Query}. */
final class PreparedQuery implements Query {
    private final Engine engine;
    private final Queryable storage;
    private final Expr expr;
    private final String text;
    private final long startMs;
    private final long endMs;
    private final long stepMs;
    private final QueryOptions queryOptions;
    private volatile boolean cancelled;

    PreparedQuery(Engine engine, Queryable storage, Expr expr, String text, long startMs, long endMs, long stepMs,
            QueryOptions queryOptions) {
        this.engine = engine;
        this.storage = storage;
        this.expr = expr;
        this.text = text;
        this.startMs = startMs;
        this.endMs = endMs;
        this.stepMs = stepMs;
        this.queryOptions = queryOptions;
    }

    @Override
    public Expr expr() {
        return expr;
    }

    @Override
    public String text() {
        return text;
    }

    @Override
    public QueryResult execute() {
        throw new UnsupportedOperationException("evaluator being written on main");
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }
}
