package io.strata.aggregator.rules;

import io.strata.model.Labels;

/**
 * One aggregated copy of an input series: windows of the namespace's resolution, reduced by
 * {@code aggregation}, written as {@code output}.
 *
 * @param namespace name of an aggregated namespace
 * @param output the input's labels when the rule has one aggregation for this namespace; with
 *     several, the metric name gets the suffix {@code :<aggregation>} so the copies stay apart
 */
public record MappingTarget(String namespace, AggregationType aggregation, Labels output) {}
