package io.strata.server.config;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.policy.StoragePolicy;
import io.strata.promql.parse.PromDurations;
import io.strata.server.config.YamlTree.Entry;
import io.strata.server.config.YamlTree.Mapping;
import io.strata.server.config.YamlTree.Node;
import io.strata.server.config.YamlTree.Scalar;
import io.strata.server.config.YamlTree.Sequence;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code namespaces} section into {@link NamespaceSpec}s, filling in defaults from the
 * storage settings:
 *
 * <pre>
 * namespaces:
 *   - policy: raw:15d          # name defaults to "raw"
 *   - policy: 1m:90d           # name defaults to the resolution, "1m"
 *     blockDuration: 12h       # default clamp(resolution * 720, 2h, 31d)
 *     outOfOrderWindow: 10m    # default storage.outOfOrderWindow, at most the block duration
 *     lateness: 1m             # aggregated namespaces only, default 1m
 * </pre>
 *
 * Without a raw policy the list gets the implicit {@code raw} namespace built from
 * {@code storage.retention}, {@code storage.blockDuration} and {@code storage.outOfOrderWindow}.
 */
final class NamespacesSection {
    static final List<String> KEYS = List.of("name", "policy", "blockDuration", "outOfOrderWindow", "lateness");
    static final Duration DEFAULT_LATENESS = Duration.ofMinutes(1);
    /** 720 windows per block: a 1m namespace cuts 12h blocks, as the raw head's 2h holds 720 samples at 10s. */
    static final int WINDOWS_PER_BLOCK = 720;
    static final Duration MIN_AGGREGATED_BLOCK = Duration.ofHours(2);
    static final Duration MAX_AGGREGATED_BLOCK = Duration.ofDays(31);

    private NamespacesSection() {}

    /**
     * @param retentionSource where {@code storage.retention} was given ("storage.retention (line
     *     3)", "--retention"), or {@code null} when it is the default
     */
    record StorageDefaults(Duration retention, Duration blockDuration, Duration outOfOrderWindow, String retentionSource) {}

    /**
     * @param lines for each namespace name, the line that defines it (0 for the implicit raw one)
     * @param rawRetention the raw namespace's retention, which storage.retention takes on
     */
    record Resolved(List<NamespaceSpec> namespaces, Map<String, Integer> lines, Duration rawRetention) {}

    /** @param section the section's value, or {@code null} when the file has none */
    static Resolved resolve(Node section, TreeReader reader, StorageDefaults storage) {
        List<NamespaceSpec> specs = new ArrayList<>();
        Map<String, Integer> lines = new HashMap<>();
        Map<StoragePolicy, Integer> policies = new HashMap<>();
        NamespaceSpec raw = null;
        if (section != null && !(section instanceof Scalar s && s.text() == null)) {
            if (!(section instanceof Sequence seq)) {
                throw reader.error(section.line(), "namespaces", "must be a list of namespaces, like \"- policy: 1m:90d\", not "
                        + section.kind());
            }
            for (int i = 0; i < seq.items().size(); i++) {
                String path = "namespaces[" + i + "]";
                Mapping m = reader.mapping(seq.items().get(i), path, "a namespace", KEYS, "- policy: 1m:90d");
                NamespaceSpec spec = one(m, path, reader, storage);
                Entry policyEntry = m.entries().get("policy");
                Integer earlierPolicy = policies.putIfAbsent(spec.policy(), policyEntry.line());
                if (earlierPolicy != null) {
                    throw reader.error(policyEntry.line(), path + ".policy", "policy " + spec.policy()
                            + " is used twice (first on line " + earlierPolicy + ")");
                }
                if (spec.isRaw()) {
                    if (raw != null) {
                        throw reader.error(policyEntry.line(), path + ".policy", "a second raw namespace (the first is on line "
                                + lines.get(raw.name()) + "); there is one raw namespace");
                    }
                    raw = spec;
                }
                Entry nameEntry = m.entries().get("name");
                int nameLine = nameEntry != null ? nameEntry.line() : policyEntry.line();
                Integer earlierName = lines.putIfAbsent(spec.name(), nameLine);
                if (earlierName != null) {
                    throw reader.error(nameLine, path + ".name", "namespace name \"" + spec.name()
                            + "\" is used twice (first on line " + earlierName + ")");
                }
                specs.add(spec);
            }
        }
        if (raw == null) {
            raw = new NamespaceSpec("raw", StoragePolicy.raw(storage.retention().toMillis()), storage.blockDuration().toMillis(),
                    Math.min(storage.outOfOrderWindow().toMillis(), storage.blockDuration().toMillis()), 0);
            if (lines.containsKey("raw")) {
                throw reader.error(lines.get("raw"), "namespaces", "the name \"raw\" is taken by an aggregated namespace, but "
                        + "the implicit raw namespace needs it; add a raw namespace, like \"- policy: raw:15d\", or rename it");
            }
            specs.addFirst(raw);
            lines.put("raw", 0);
        }
        return new Resolved(List.copyOf(specs), Map.copyOf(lines), Duration.ofMillis(raw.retentionMillis()));
    }

    private static NamespaceSpec one(Mapping m, String path, TreeReader reader, StorageDefaults storage) {
        Entry policyEntry = m.entries().get("policy");
        String policyText = reader.scalar(policyEntry, path + ".policy");
        if (policyText == null) {
            throw reader.error(m.line(), path, "policy is missing; write resolution:retention, like raw:15d or 1m:90d");
        }
        StoragePolicy policy;
        try {
            policy = StoragePolicy.parse(policyText);
        } catch (IllegalArgumentException e) {
            throw reader.error(policyEntry.line(), path + ".policy", e.getMessage());
        }
        if (policy.isRaw() && storage.retentionSource() != null
                && policy.retentionMillis() != storage.retention().toMillis()) {
            throw reader.error(policyEntry.line(), path + ".policy", "the raw namespace keeps data "
                    + PromDurations.format(policy.retentionMillis()) + " but " + storage.retentionSource() + " says "
                    + PromDuration.format(storage.retention()) + "; give the raw retention in one place");
        }
        String name = reader.scalar(m.entries().get("name"), path + ".name");
        if (name == null) {
            name = policy.isRaw() ? "raw" : PromDurations.format(policy.resolutionMillis());
        }
        Duration block = duration(m, "blockDuration", path, reader);
        if (block == null) {
            block = policy.isRaw() ? storage.blockDuration() : aggregatedBlock(policy);
        } else if (block.toMillis() < 60_000 || block.toMillis() % 60_000 != 0) {
            throw reader.error(m.entries().get("blockDuration").line(), path + ".blockDuration",
                    "must be a whole number of minutes, at least 1m, got " + PromDuration.format(block));
        }
        Duration window = duration(m, "outOfOrderWindow", path, reader);
        if (window == null) {
            window = storage.outOfOrderWindow().compareTo(block) > 0 ? block : storage.outOfOrderWindow();
        } else if (window.compareTo(block) > 0) {
            throw reader.error(m.entries().get("outOfOrderWindow").line(), path + ".outOfOrderWindow", PromDuration.format(window)
                    + " must not exceed the block duration " + PromDuration.format(block)
                    + ": late samples are merged into the head before it is cut into a block");
        }
        Duration lateness = duration(m, "lateness", path, reader);
        if (lateness != null && policy.isRaw()) {
            throw reader.error(m.entries().get("lateness").line(), path + ".lateness",
                    "only aggregated namespaces take a lateness: raw data has no windows to close");
        }
        if (lateness == null) {
            lateness = policy.isRaw() ? Duration.ZERO : DEFAULT_LATENESS;
        }
        try {
            return new NamespaceSpec(name, policy, block.toMillis(), window.toMillis(), lateness.toMillis());
        } catch (IllegalArgumentException e) {
            Entry nameEntry = m.entries().get("name");
            throw reader.error(nameEntry != null ? nameEntry.line() : policyEntry.line(), path + ".name", e.getMessage());
        }
    }

    /** clamp(resolution * 720, 2h, 31d), in whole minutes. */
    static Duration aggregatedBlock(StoragePolicy policy) {
        long millis = Math.multiplyExact(policy.resolutionMillis(), (long) WINDOWS_PER_BLOCK);
        millis = Math.clamp(millis, MIN_AGGREGATED_BLOCK.toMillis(), MAX_AGGREGATED_BLOCK.toMillis());
        return Duration.ofMillis(millis - millis % 60_000);
    }

    private static Duration duration(Mapping m, String key, String path, TreeReader reader) {
        Entry e = m.entries().get(key);
        String text = reader.scalar(e, path + "." + key);
        if (text == null) {
            return null;
        }
        try {
            return PromDuration.parse(text);
        } catch (IllegalArgumentException ex) {
            throw reader.error(e.line(), path + "." + key, ex.getMessage());
        }
    }
}
