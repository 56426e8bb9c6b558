package io.strata.promql.engine;

import io.strata.promql.parse.ParserOptions;

/**
 * Engine-wide settings; per-query overrides are in {@link QueryOptions}.
 *
 * @param lookbackDeltaMs how far back an instant selector looks for a sample (Prometheus: 5m)
 * @param maxSamples the most samples one query may hold in memory at once (Prometheus: 50M)
 * @param maxSeries the most series one selector may select, 0 for no limit
 * @param timeoutMs how long a query may run (Prometheus: 2m)
 * @param defaultSubqueryStepMs the step of a subquery written without one (Prometheus: the
 *     global evaluation interval, 1m)
 * @param parser the syntax the engine accepts (feature flags)
 * @param delayedNameRemoval {@code promql-delayed-name-removal}: drop {@code __name__} only at
 *     the end of evaluation, so {@code label_replace} and friends can still see it
 */
public record EngineOptions(
        long lookbackDeltaMs,
        long maxSamples,
        long maxSeries,
        long timeoutMs,
        long defaultSubqueryStepMs,
        ParserOptions parser,
        boolean delayedNameRemoval) {
    public static final EngineOptions DEFAULT =
            new EngineOptions(5 * 60_000, 50_000_000, 0, 120_000, 60_000, ParserOptions.DEFAULT, false);

    /** The settings Prometheus's test engine uses for the conformance corpus. */
    public static final EngineOptions CONFORMANCE =
            new EngineOptions(5 * 60_000, 50_000_000, 0, 100_000, 60_000, ParserOptions.ALL, true);

    public EngineOptions withParser(ParserOptions newParser) {
        return new EngineOptions(lookbackDeltaMs, maxSamples, maxSeries, timeoutMs, defaultSubqueryStepMs,
                newParser, delayedNameRemoval);
    }

    public EngineOptions withLimits(long newMaxSamples, long newMaxSeries, long newTimeoutMs) {
        return new EngineOptions(lookbackDeltaMs, newMaxSamples, newMaxSeries, newTimeoutMs, defaultSubqueryStepMs,
                parser, delayedNameRemoval);
    }

    public EngineOptions withLookbackDelta(long newLookbackDeltaMs) {
        return new EngineOptions(newLookbackDeltaMs, maxSamples, maxSeries, timeoutMs, defaultSubqueryStepMs,
                parser, delayedNameRemoval);
    }
}
