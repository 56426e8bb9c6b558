package io.strata.server.config;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.rules.AggregationType;
import io.strata.aggregator.rules.DropRule;
import io.strata.aggregator.rules.MappingRule;
import io.strata.aggregator.rules.RollupRule;
import io.strata.aggregator.rules.SeriesFilter;
import io.strata.promql.parse.PromDurations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the {@code namespaces} and {@code rules} sections in the form {@link RulesSection} reads back. */
final class AggregationPrinter {
    private AggregationPrinter() {}

    static void append(AggregationSettings settings, StringBuilder sb) {
        sb.append("namespaces:\n");
        for (NamespaceSpec ns : settings.namespaces()) {
            sb.append("  - name: ").append(ConfigPrinter.scalar(ns.name())).append('\n');
            sb.append("    policy: ").append(ConfigPrinter.scalar(ns.policy().toString())).append('\n');
            sb.append("    blockDuration: ").append(PromDurations.format(ns.blockDurationMillis())).append('\n');
            sb.append("    outOfOrderWindow: ").append(PromDurations.format(ns.outOfOrderWindowMillis())).append('\n');
            if (!ns.isRaw()) {
                sb.append("    lateness: ").append(PromDurations.format(ns.latenessMillis())).append('\n');
            }
        }
        sb.append("rules:\n");
        sb.append("  mapping:").append(settings.rules().mappingRules().isEmpty() ? " []\n" : "\n");
        for (MappingRule r : settings.rules().mappingRules()) {
            start(r.name(), r.filter(), sb);
            List<String> aggregations = new ArrayList<>();
            for (AggregationType a : r.aggregations()) {
                aggregations.add(a.text());
            }
            list("aggregations", aggregations, sb);
            list("namespaces", r.namespaces(), sb);
        }
        sb.append("  rollup:").append(settings.rules().rollupRules().isEmpty() ? " []\n" : "\n");
        for (RollupRule r : settings.rules().rollupRules()) {
            start(r.name(), r.filter(), sb);
            if (r.metricName() != null) {
                sb.append("      metricName: ").append(ConfigPrinter.scalar(r.metricName())).append('\n');
            }
            if (!r.groupBy().isEmpty()) {
                list("groupBy", r.groupBy(), sb);
            }
            if (!r.without().isEmpty()) {
                list("without", r.without(), sb);
            }
            sb.append("      type: ").append(r.kind().name().toLowerCase(Locale.ROOT)).append('\n');
            sb.append("      aggregation: ").append(r.aggregation().text()).append('\n');
            list("namespaces", r.namespaces(), sb);
        }
        sb.append("  drop:").append(settings.rules().dropRules().isEmpty() ? " []\n" : "\n");
        for (DropRule r : settings.rules().dropRules()) {
            start(r.name(), r.filter(), sb);
            if (!r.namespaces().isEmpty()) {
                list("namespaces", r.namespaces(), sb);
            }
        }
    }

    private static void start(String name, SeriesFilter filter, StringBuilder sb) {
        sb.append("    - name: ").append(ConfigPrinter.scalar(name)).append('\n');
        String key = switch (filter.syntax()) {
            case M3 -> "filter";
            case PROMQL -> "match";
        };
        sb.append("      ").append(key).append(": ").append(ConfigPrinter.scalar(filter.text())).append('\n');
    }

    private static void list(String key, List<String> values, StringBuilder sb) {
        sb.append("      ").append(key).append(": [");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(ConfigPrinter.scalar(values.get(i)));
        }
        sb.append("]\n");
    }
}
