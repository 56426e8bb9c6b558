package io.strata.server.config;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.rules.RuleSet;
import java.util.List;
import java.util.Objects;

/**
 * The {@code namespaces} and {@code rules} sections of {@code strata.yaml}, resolved: every
 * namespace with its defaults filled in (the raw one always present), and the checked rules that
 * route series to them.
 *
 * @param namespaces the same list as {@code rules.namespaces()}, raw first when it was implicit
 */
public record AggregationSettings(List<NamespaceSpec> namespaces, RuleSet rules) {
    public AggregationSettings {
        namespaces = List.copyOf(namespaces);
        Objects.requireNonNull(rules, "rules");
        if (!namespaces.equals(rules.namespaces())) {
            throw new IllegalArgumentException("BUG: the rules were built for other namespaces");
        }
    }

    /** The raw namespace. */
    public NamespaceSpec raw() {
        return rules.raw();
    }
}
