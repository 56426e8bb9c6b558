package io.strata.promql.engine;

/**
 * What a query cost, for {@code stats=all} in the API.
 *
 * @param totalQueryableSamples samples read from storage
 * @param peakSamples the most samples held at once
 * @param evalNanos time spent evaluating
 * @param prepareNanos time spent parsing and preparing
 */
public record QueryStats(long totalQueryableSamples, long peakSamples, long evalNanos, long prepareNanos) {
}
