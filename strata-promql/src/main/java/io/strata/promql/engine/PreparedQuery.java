package io.strata.promql.engine;

import io.strata.promql.ast.Expr;
import io.strata.promql.value.Value;
import io.strata.storage.Queryable;

import java.util.ArrayList;
import java.util.List;

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
        long started = System.nanoTime();
        EngineOptions options = engine.options();
        long lookback = queryOptions.lookbackDeltaMs() > 0 ? queryOptions.lookbackDeltaMs() : options.lookbackDeltaMs();
        long timeout = queryOptions.timeoutMs() > 0
                ? Math.min(queryOptions.timeoutMs(), options.timeoutMs())
                : options.timeoutMs();
        EvalContext ctx = new EvalContext(storage, options, engine.functions(), startMs, endMs, stepMs, lookback,
                timeout, this::isCancelled);
        StepGrid grid = stepMs == 0 ? StepGrid.instant(startMs) : StepGrid.of(startMs, endMs, stepMs);
        EvalValue value = new Evaluator(ctx).eval(expr, grid);
        Value result = stepMs == 0
                ? ResultConverter.instant(value, startMs, options.delayedNameRemoval())
                : ResultConverter.range(value, grid, options.delayedNameRemoval());
        List<String> warnings = new ArrayList<>();
        List<String> infos = new ArrayList<>();
        for (Annotation a : ctx.annotations().all()) {
            (a.severity() == Annotation.Severity.WARNING ? warnings : infos).add(a.render(text));
        }
        QueryStats stats = new QueryStats(ctx.budget().totalRead(), ctx.budget().peak(), System.nanoTime() - started, 0);
        return new QueryResult(result, warnings, infos, stats);
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    boolean isCancelled() {
        return cancelled;
    }
}
