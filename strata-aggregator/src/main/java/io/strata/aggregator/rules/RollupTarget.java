package io.strata.aggregator.rules;

import io.strata.model.Labels;

/**
 * An input series' contribution to a rollup: every input with the same {@code output} in the same
 * namespace is combined into that one series.
 *
 * @param namespace name of an aggregated namespace
 * @param rule the rollup rule's name, for metrics and errors
 * @param output the rolled-up series: the rule's new metric name and the kept labels
 * @param kind the pipeline the rule runs
 * @param aggregation how the group is combined per window ({@code sum} for counters)
 */
public record RollupTarget(String namespace, String rule, Labels output, RollupKind kind, AggregationType aggregation) {}
