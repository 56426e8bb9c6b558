package io.strata.aggregator.rules;

import io.strata.aggregator.rules.InvalidRuleException.RuleType;
import java.util.List;

/**
 * Keeps the series its filter matches out of namespaces: out of the raw namespace when it lists it,
 * and out of the mappings to each aggregated namespace it lists. Rollups are not affected: a
 * dropped series still feeds the rollups it matches (as in M3, where drop policies apply to
 * mapping rules only).
 *
 * @param namespaces namespace names; empty means every namespace, raw included
 * @throws InvalidRuleException (index -1) naming the field at fault
 */
public record DropRule(String name, SeriesFilter filter, List<String> namespaces) {
    public DropRule {
        RuleChecks.name(RuleType.DROP, name);
        RuleChecks.filter(RuleType.DROP, name, filter);
        namespaces = RuleChecks.names(RuleType.DROP, name, "namespaces", namespaces);
    }

    /** Whether this rule covers the namespace named {@code namespace}. */
    public boolean covers(String namespace) {
        return namespaces.isEmpty() || namespaces.contains(namespace);
    }
}
