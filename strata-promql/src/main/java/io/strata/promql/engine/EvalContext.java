package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.parse.PromDurations;
import io.strata.storage.Queryable;

import java.util.function.BooleanSupplier;

/** The state one query's evaluation shares: storage, limits, annotations, the clock. */
final class EvalContext {
    private final Queryable storage;
    private final EngineOptions options;
    private final FunctionTable functions;
    private final long queryStartMs;
    private final long queryEndMs;
    private final long queryStepMs;
    private final long lookbackMs;
    private final long deadlineNanos;
    private final long timeoutMs;
    private final BooleanSupplier cancelled;
    private final Annotations annotations = new Annotations();
    private final SampleBudget budget;

    EvalContext(Queryable storage, EngineOptions options, FunctionTable functions, long queryStartMs, long queryEndMs,
            long queryStepMs, long lookbackMs, long timeoutMs, BooleanSupplier cancelled) {
        this.storage = storage;
        this.options = options;
        this.functions = functions;
        this.queryStartMs = queryStartMs;
        this.queryEndMs = queryEndMs;
        this.queryStepMs = queryStepMs;
        this.lookbackMs = lookbackMs;
        this.timeoutMs = timeoutMs;
        this.deadlineNanos = System.nanoTime() + timeoutMs * 1_000_000L;
        this.cancelled = cancelled;
        this.budget = new SampleBudget(options.maxSamples());
    }

    Queryable storage() {
        return storage;
    }

    EngineOptions options() {
        return options;
    }

    FunctionTable functions() {
        return functions;
    }

    long queryStartMs() {
        return queryStartMs;
    }

    long queryEndMs() {
        return queryEndMs;
    }

    long queryStepMs() {
        return queryStepMs;
    }

    long lookbackMs() {
        return lookbackMs;
    }

    Annotations annotations() {
        return annotations;
    }

    SampleBudget budget() {
        return budget;
    }

    void dropName(StepSeries series) {
        if (options.delayedNameRemoval()) {
            series.setDropName(true);
        } else {
            series.setLabels(MetricNames.drop(series.labels()));
        }
    }

    void checkInterrupted() {
        if (cancelled.getAsBoolean()) {
            throw new StrataException(ErrorCode.CANCELED, "query was canceled");
        }
        if (System.nanoTime() - deadlineNanos > 0) {
            throw new StrataException(ErrorCode.TIMEOUT,
                    "query timed out in query execution (timeout: " + PromDurations.format(timeoutMs)
                            + "; raise it with --query.timeout or the timeout parameter)");
        }
    }
}
