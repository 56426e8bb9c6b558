package io.strata.promql.engine;

/**
 * Per-query overrides from the HTTP API.
 *
 * @param lookbackDeltaMs {@code lookback_delta}; 0 means the engine's default
 * @param timeoutMs {@code timeout}; 0 means the engine's default (a larger value is capped by it)
 * @param collectStats {@code stats=all}: fill per-step sample counts
 */
public record QueryOptions(long lookbackDeltaMs, long timeoutMs, boolean collectStats) {
    public static final QueryOptions DEFAULT = new QueryOptions(0, 0, false);
}
