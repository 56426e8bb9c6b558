package io.strata.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Everything {@code strata server} can be told, after merging defaults, {@code strata.yaml} and
 * flags (flag over file over default). Built by {@link ConfigLoader}; every key is listed, with its
 * flag and default, in {@link ConfigKeys} and docs/configuration.md.
 */
public record StrataConfig(
        HttpSettings http,
        StorageSettings storage,
        LimitSettings limits,
        IngestSettings ingest,
        QuerySettings query,
        FeatureSettings features,
        AggregationSettings aggregation) {
    public StrataConfig {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(ingest, "ingest");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(aggregation, "aggregation");
    }

    /** The configuration of a bare {@code strata server}. */
    public static StrataConfig defaults() {
        return new Builder().build();
    }

    /**
     * @param listenAddress host or IP to bind; {@code 0.0.0.0} or {@code ::} bind every interface
     * @param adminApi whether {@code /api/v1/admin/*} endpoints may change data
     */
    public record HttpSettings(String listenAddress, int port, boolean adminApi) {}

    /**
     * @param retentionSizeBytes 0 for no size-based retention
     * @param walSyncInterval how often the WAL is fsynced when {@code walSync} is {@code interval}
     */
    public record StorageSettings(
            Path dataDir,
            Duration retention,
            long retentionSizeBytes,
            Duration blockDuration,
            Duration outOfOrderWindow,
            WalSync walSync,
            Duration walSyncInterval,
            long walSegmentSizeBytes) {}

    /** Ingest and request limits; a request or series beyond them is refused with a 4xx naming the limit. */
    public record LimitSettings(
            long maxRequestBytes,
            long maxDecompressedBytes,
            int maxLabelsPerSeries,
            int maxLabelNameLength,
            int maxLabelValueLength,
            Duration maxFutureSkew,
            long maxSeries,
            long remoteReadSampleLimit) {}

    /**
     * @param sortUnsortedLabels sort labels of series that arrive unsorted (as Prometheus's own
     *     receiver does) instead of rejecting them (as both remote-write specifications ask)
     */
    public record IngestSettings(boolean sortUnsortedLabels) {}

    /**
     * PromQL limits and defaults, as Prometheus's {@code --query.*} flags.
     *
     * @param timeout longest a query may run; a query's own {@code timeout} parameter may only shorten it
     * @param maxSamples most samples one query may hold in memory at once
     * @param maxSeries most series one selector may select, 0 for no limit
     * @param lookbackDelta how far back an instant selector looks for a sample
     */
    public record QuerySettings(Duration timeout, long maxSamples, long maxSeries, Duration lookbackDelta) {}

    /** @param enabled the names of the features turned on (see {@link Features}) */
    public record FeatureSettings(Set<String> enabled) {
        public FeatureSettings {
            enabled = Set.copyOf(enabled);
        }

        public boolean isEnabled(String feature) {
            return enabled.contains(feature);
        }
    }

    /** When the WAL is fsynced. */
    public enum WalSync {
        /** Every {@code storage.walSyncInterval}: a crash of the machine may lose that much. */
        INTERVAL,
        /** Before every write is acknowledged (group commit): nothing acknowledged is lost. */
        ALWAYS
    }

    /**
     * Mutable staging area the keys of {@link ConfigKeys} write into. A new builder holds the
     * defaults, applied from the key table so that the defaults shown in help are the ones used.
     * Not thread-safe.
     */
    public static final class Builder {
        String listenAddress;
        int port;
        boolean adminApi;
        Path dataDir;
        Duration retention;
        long retentionSizeBytes;
        Duration blockDuration;
        Duration outOfOrderWindow;
        WalSync walSync;
        Duration walSyncInterval;
        long walSegmentSizeBytes;
        long maxRequestBytes;
        long maxDecompressedBytes;
        int maxLabelsPerSeries;
        int maxLabelNameLength;
        int maxLabelValueLength;
        Duration maxFutureSkew;
        long maxSeries;
        long remoteReadSampleLimit;
        boolean sortUnsortedLabels;
        Duration queryTimeout;
        long queryMaxSamples;
        long queryMaxSeries;
        Duration queryLookbackDelta;
        Set<String> features;
        // The namespaces and rules sections as read, resolved in build() against the storage
        // settings that flags may still change; null when the file has no such section.
        YamlTree.Node namespacesSection;
        YamlTree.Node rulesSection;
        YamlTree.Location sectionLocation = line -> "line " + line;
        /** Where storage.retention was set ("storage.retention (line 3)", "--retention"); null for the default. */
        String retentionSource;

        public Builder() {
            for (ConfigKey key : ConfigKeys.ALL) {
                key.applier().apply(this, key.defaultValue());
            }
        }

        /**
         * Checks rules that span keys, resolves the namespaces and rules, then builds.
         *
         * @throws IllegalArgumentException naming the keys involved
         * @throws ConfigException naming file, line and key of a problem in the namespaces or rules
         */
        public StrataConfig build() {
            if (outOfOrderWindow.compareTo(blockDuration) > 0) {
                throw new IllegalArgumentException("storage.outOfOrderWindow (" + PromDuration.format(outOfOrderWindow)
                        + ") must not exceed storage.blockDuration (" + PromDuration.format(blockDuration)
                        + "): late samples are merged into the head before it is cut into a block");
            }
            AggregationSections.Resolved aggregation = AggregationSections.resolve(namespacesSection, rulesSection,
                    sectionLocation, new NamespacesSection.StorageDefaults(retention, blockDuration, outOfOrderWindow,
                            retentionSource));
            return new StrataConfig(
                    new HttpSettings(listenAddress, port, adminApi),
                    new StorageSettings(
                            dataDir,
                            // A raw policy's retention is the storage retention.
                            aggregation.rawRetention(),
                            retentionSizeBytes,
                            blockDuration,
                            outOfOrderWindow,
                            walSync,
                            walSyncInterval,
                            walSegmentSizeBytes),
                    new LimitSettings(
                            maxRequestBytes,
                            maxDecompressedBytes,
                            maxLabelsPerSeries,
                            maxLabelNameLength,
                            maxLabelValueLength,
                            maxFutureSkew,
                            maxSeries,
                            remoteReadSampleLimit),
                    new IngestSettings(sortUnsortedLabels),
                    new QuerySettings(queryTimeout, queryMaxSamples, queryMaxSeries, queryLookbackDelta),
                    new FeatureSettings(features),
                    aggregation.settings());
        }
    }
}
