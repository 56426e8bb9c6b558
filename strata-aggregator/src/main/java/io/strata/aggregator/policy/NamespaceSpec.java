package io.strata.aggregator.policy;

/**
 * One namespace as configured: an independent store under the data directory.
 *
 * @param name unique, {@code [a-zA-Z0-9_-]+}; the raw namespace is usually {@code raw}, an
 *     aggregated one defaults to its resolution ({@code 1m})
 * @param policy resolution and retention
 * @param blockDurationMillis range of one block cut from the namespace's head
 * @param outOfOrderWindowMillis how far behind its newest sample a series accepts samples
 * @param latenessMillis for aggregated namespaces, how long after a window ends (in the series'
 *     own time) samples for it are still taken before it is flushed; 0 for raw
 */
public record NamespaceSpec(String name, StoragePolicy policy, long blockDurationMillis, long outOfOrderWindowMillis,
        long latenessMillis) {
    public NamespaceSpec {
        if (!name.matches("[a-zA-Z0-9_-]+")) {
            throw new IllegalArgumentException("invalid namespace name \"" + name + "\": use letters, digits, '_' and '-'");
        }
        if (blockDurationMillis <= 0 || outOfOrderWindowMillis < 0 || latenessMillis < 0) {
            throw new IllegalArgumentException("namespace " + name + ": block duration must be above 0, "
                    + "out-of-order window and lateness at least 0");
        }
    }

    public boolean isRaw() {
        return policy.isRaw();
    }

    public long resolutionMillis() {
        return policy.resolutionMillis();
    }

    public long retentionMillis() {
        return policy.retentionMillis();
    }
}
