package io.strata.bench.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's single-node VictoriaMetrics. Flushing calls {@code /internal/force_flush} (buffered
 * rows to parts) and {@code /internal/force_merge} (merge the parts of the partition); the
 * harness then waits for the directory size to settle, as merges run in the background. Disk
 * split: {@code indexdb/} is the index, {@code data/} the data. Queries carry {@code nocache=1}
 * so repeated runs measure the query, not VictoriaMetrics's rollup result cache.
 */
final class VictoriaMetricsServer extends LocalServer {
    /** Which files count as data and index, for the report. */
    static final String DISK_LAYOUT = "after /internal/force_flush and /internal/force_merge: data = data/, index = indexdb/; "
                + "the total adds caches and metadata";

    private final int series;

    /** @param series series the run loads: above 300k VictoriaMetrics refuses queries unless told otherwise */
    VictoriaMetricsServer(Path dataDir, int port, int series) {
        super(ServerKind.VICTORIAMETRICS, dataDir, port);
        this.series = series;
    }

    @Override
    List<String> command() {
        return List.of("victoria-metrics", "-storageDataPath", dataDir().toString(),
                "-httpListenAddr", "127.0.0.1:" + baseUrl().getPort(), "-retentionPeriod", "100y",
                "-search.latencyOffset", "0s", "-search.maxUniqueTimeseries", Integer.toString(Math.max(300_000, series * 2)),
                "-search.maxQueryDuration", "5m", "-loggerLevel", "WARN");
    }

    @Override
    String readyPath() {
        return "/health";
    }

    @Override
    public Map<String, String> queryParams() {
        return Map.of("nocache", "1");
    }

    @Override
    public void flush() throws IOException, InterruptedException {
        AdminHttp.get(baseUrl().resolve("/internal/force_flush"));
        AdminHttp.get(baseUrl().resolve("/internal/force_merge"));
    }

    @Override
    public DiskUsage diskUsage() throws IOException {
        return new DiskUsage(DiskUsage.bytes(dataDir().resolve("data")), DiskUsage.bytes(dataDir().resolve("indexdb")),
                DiskUsage.bytes(dataDir()));
    }

    @Override
    public String diskLayoutNote() {
        return DISK_LAYOUT;
    }
}
