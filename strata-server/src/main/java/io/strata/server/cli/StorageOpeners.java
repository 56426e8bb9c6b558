package io.strata.server.cli;

import io.strata.server.StrataServer;
import io.strata.server.config.StrataConfig;
import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.server.namespaces.NamespacedStorage;
import java.time.Duration;
import io.strata.tsdb.TsdbOptions;

/** The storage engines {@code strata server} can run on. */
public final class StorageOpeners {
    private StorageOpeners() {}

    /**
     * The single-node TSDB in {@code storage.dataDir}, with the namespaces of {@code namespaces}
     * and the streaming aggregator (which passes writes straight through when only the raw
     * namespace is configured).
     */
    public static StrataServer.StorageOpener tsdb() {
        return config -> NamespacedStorage.open(config, spec -> namespaceOptions(config, spec));
    }

    /** The TSDB options of one namespace: the server's settings with the namespace's own. */
    public static TsdbOptions namespaceOptions(StrataConfig config, NamespaceSpec spec) {
        return tsdbOptions(config).toBuilder()
                .dataDir(NamespacedStorage.directory(config.storage().dataDir(), spec))
                .retention(Duration.ofMillis(spec.retentionMillis()))
                .blockDuration(Duration.ofMillis(spec.blockDurationMillis()))
                .outOfOrderWindow(Duration.ofMillis(spec.outOfOrderWindowMillis()))
                // Size retention applies to the raw namespace; aggregated ones are small.
                .retentionSizeBytes(spec.isRaw() ? config.storage().retentionSizeBytes() : 0)
                .build();
    }

    /** Maps the server's settings onto the TSDB's; the config already checked every value. */
    public static TsdbOptions tsdbOptions(StrataConfig config) {
        StrataConfig.StorageSettings s = config.storage();
        return TsdbOptions.builder()
                .dataDir(s.dataDir())
                .retention(s.retention())
                .retentionSizeBytes(s.retentionSizeBytes())
                .blockDuration(s.blockDuration())
                .outOfOrderWindow(s.outOfOrderWindow())
                .walSyncMode(switch (s.walSync()) {
                    case INTERVAL -> TsdbOptions.WalSyncMode.INTERVAL;
                    case ALWAYS -> TsdbOptions.WalSyncMode.ALWAYS;
                })
                .walSyncInterval(s.walSyncInterval())
                .walSegmentSizeBytes(s.walSegmentSizeBytes())
                .maxFutureSkew(config.limits().maxFutureSkew())
                .maxSeries(config.limits().maxSeries())
                .build();
    }
}
