package io.strata.server.cli;

import io.strata.server.StrataServer;
import io.strata.server.config.StrataConfig;
import io.strata.tsdb.Tsdb;
import io.strata.tsdb.TsdbOptions;

/** The storage engines {@code strata server} can run on. */
public final class StorageOpeners {
    private StorageOpeners() {}

    /** The single-node TSDB in {@code storage.dataDir}. */
    public static StrataServer.StorageOpener tsdb() {
        return config -> Tsdb.open(tsdbOptions(config));
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
