package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.ValueType;
import io.strata.promql.parse.PromqlParser;
import io.strata.storage.Queryable;

/**
 * Evaluates PromQL with Prometheus 3.x semantics over any {@link Queryable}. Thread-safe; one
 * engine serves all queries of a process. Each query runs on its caller's thread.
 */
public final class Engine {
    private final EngineOptions options;
    private final FunctionTable functions;

    /** An engine calling {@code functions}; {@code io.strata.promql.Promql#engine} wires the standard ones. */
    public Engine(EngineOptions options, FunctionTable functions) {
        this.options = options;
        this.functions = functions;
    }

    FunctionTable functions() {
        return functions;
    }

    public EngineOptions options() {
        return options;
    }

    /** Parses {@code text} (BAD_DATA on error) and prepares an instant query at {@code timeMs}. */
    public Query instantQuery(Queryable storage, String text, long timeMs, QueryOptions queryOptions) {
        Expr expr = PromqlParser.parse(text, options.parser());
        return new PreparedQuery(this, storage, expr, text, timeMs, timeMs, 0, queryOptions);
    }

    /** An instant query of an already parsed expression; {@code text} is used for annotation positions. */
    public Query instantQuery(Queryable storage, Expr expr, String text, long timeMs, QueryOptions queryOptions) {
        return new PreparedQuery(this, storage, expr, text, timeMs, timeMs, 0, queryOptions);
    }

    /** A range query of an already parsed expression. */
    public Query rangeQuery(Queryable storage, Expr expr, String text, long startMs, long endMs, long stepMs,
            QueryOptions queryOptions) {
        checkRange(startMs, endMs, stepMs);
        checkRangeType(expr);
        return new PreparedQuery(this, storage, expr, text, startMs, endMs, stepMs, queryOptions);
    }

    /**
     * Prepares a range query over {@code [startMs, endMs]} every {@code stepMs}. The caller checks
     * the API's limits (11,000 points); the engine only refuses what it cannot evaluate.
     */
    public Query rangeQuery(
            Queryable storage, String text, long startMs, long endMs, long stepMs, QueryOptions queryOptions) {
        checkRange(startMs, endMs, stepMs);
        Expr expr = PromqlParser.parse(text, options.parser());
        checkRangeType(expr);
        return new PreparedQuery(this, storage, expr, text, startMs, endMs, stepMs, queryOptions);
    }

    private static void checkRange(long startMs, long endMs, long stepMs) {
        if (stepMs <= 0) {
            throw new StrataException(ErrorCode.BAD_DATA,
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (endMs < startMs) {
            throw new StrataException(ErrorCode.BAD_DATA, "end timestamp must not be before start time");
        }
    }

    private static void checkRangeType(Expr expr) {
        if (expr.type() != ValueType.SCALAR && expr.type() != ValueType.VECTOR) {
            throw new StrataException(ErrorCode.BAD_DATA, "invalid expression type \"" + expr.type().documentedName()
                    + "\" for range query, must be Scalar or instant Vector");
        }
    }
}
