package io.strata.aggregator.rules;

import io.strata.aggregator.rules.InvalidRuleException.RuleType;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Combines the series its filter matches into fewer series (M3's rollup rule): inputs that agree on
 * the kept labels become one output series per namespace.
 *
 * @param metricName the outputs' {@code __name__}; null keeps each input's own name
 * @param groupBy labels kept (those present on the input); exclusive with {@code without}
 * @param without labels dropped, every other label (but {@code __name__}) kept; when both lists are
 *     empty the outputs keep no label but the name: one series per metric name
 * @param aggregation how the group is combined; null means {@code sum}, and a counter takes only
 *     {@code sum}
 * @param namespaces names of aggregated namespaces, at least one
 * @throws InvalidRuleException (index -1) naming the field at fault
 */
public record RollupRule(
        String name,
        SeriesFilter filter,
        String metricName,
        List<String> groupBy,
        List<String> without,
        RollupKind kind,
        AggregationType aggregation,
        List<String> namespaces) {
    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public RollupRule {
        RuleChecks.name(RuleType.ROLLUP, name);
        RuleChecks.filter(RuleType.ROLLUP, name, filter);
        if (metricName != null && !METRIC_NAME.matcher(metricName).matches()) {
            throw new InvalidRuleException(RuleType.ROLLUP, -1, name, "metricName",
                    "\"" + metricName + "\" is not a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*)");
        }
        groupBy = RuleChecks.labelNames(RuleType.ROLLUP, name, "groupBy", groupBy);
        without = RuleChecks.labelNames(RuleType.ROLLUP, name, "without", without);
        if (!groupBy.isEmpty() && !without.isEmpty()) {
            throw new InvalidRuleException(RuleType.ROLLUP, -1, name, "without",
                    "give groupBy or without, not both");
        }
        if (kind == null) {
            throw new InvalidRuleException(RuleType.ROLLUP, -1, name, "type", "a rollup rule needs a type: counter or gauge");
        }
        aggregation = Objects.requireNonNullElse(aggregation, AggregationType.SUM);
        if (kind == RollupKind.COUNTER && aggregation != AggregationType.SUM) {
            throw new InvalidRuleException(RuleType.ROLLUP, -1, name, "aggregation",
                    "a counter rollup adds the increases of its inputs, so its aggregation is sum, not "
                            + aggregation.text() + "; use type gauge for other aggregations");
        }
        namespaces = RuleChecks.names(RuleType.ROLLUP, name, "namespaces", namespaces);
        if (namespaces.isEmpty()) {
            throw new InvalidRuleException(RuleType.ROLLUP, -1, name, "namespaces",
                    "a rollup rule must name at least one aggregated namespace");
        }
    }
}
