package io.strata.aggregator.rules;

import io.strata.aggregator.rules.InvalidRuleException.RuleType;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Sends the series its filter matches to aggregated namespaces, each window reduced by every listed
 * aggregation (M3's mapping rule). Once any mapping rule names a namespace, only series matched by
 * such a rule reach it (see {@link RuleSet}).
 *
 * @param aggregations null or empty means {@code [last]}; repeats are dropped
 * @param namespaces names of aggregated namespaces, at least one
 * @throws InvalidRuleException (index -1) naming the field at fault
 */
public record MappingRule(String name, SeriesFilter filter, List<AggregationType> aggregations, List<String> namespaces) {
    public MappingRule {
        RuleChecks.name(RuleType.MAPPING, name);
        RuleChecks.filter(RuleType.MAPPING, name, filter);
        aggregations = aggregations == null || aggregations.isEmpty()
                ? List.of(AggregationType.LAST)
                : List.copyOf(new LinkedHashSet<>(aggregations));
        namespaces = RuleChecks.names(RuleType.MAPPING, name, "namespaces", namespaces);
        if (namespaces.isEmpty()) {
            throw new InvalidRuleException(RuleType.MAPPING, -1, name, "namespaces",
                    "a mapping rule must name at least one aggregated namespace");
        }
    }
}
