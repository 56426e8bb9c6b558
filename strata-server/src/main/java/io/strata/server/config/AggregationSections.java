package io.strata.server.config;

import io.strata.aggregator.rules.RuleSet;
import java.time.Duration;

/** Resolves the {@code namespaces} and {@code rules} sections together: the rules need the namespaces. */
final class AggregationSections {
    private AggregationSections() {}

    /** @param rawRetention the raw namespace's retention, which storage.retention takes on */
    record Resolved(AggregationSettings settings, Duration rawRetention) {}

    /**
     * @param namespaces the section's value, or null when absent
     * @param rules the section's value, or null when absent
     * @throws ConfigException naming the file, line and key at fault
     */
    static Resolved resolve(YamlTree.Node namespaces, YamlTree.Node rules, YamlTree.Location location,
            NamespacesSection.StorageDefaults storage) {
        TreeReader reader = new TreeReader(location);
        NamespacesSection.Resolved ns = NamespacesSection.resolve(namespaces, reader, storage);
        RuleSet ruleSet;
        try {
            ruleSet = RulesSection.resolve(rules, reader, ns.namespaces());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(location.at(namespaces == null ? 0 : namespaces.line()) + ": namespaces: " + e.getMessage(), e);
        }
        return new Resolved(new AggregationSettings(ns.namespaces(), ruleSet), ns.rawRetention());
    }
}
