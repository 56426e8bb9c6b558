package io.strata.bench.compare;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's Prometheus with the remote-write receiver and the admin API on. Prometheus cuts its
 * head into a block only after about 3 h of data, so a compare run never sees a compacted block
 * of its own accord. Flushing here takes a snapshot with the head included, which writes the
 * head as one compacted block below {@code snapshots/}: its {@code chunks/} are the data and its
 * {@code index} the index. The total is the data directory without the snapshot (WAL plus head
 * chunks: what Prometheus keeps while it runs).
 */
final class PrometheusServer extends LocalServer {
    /** Which files count as data and index, for the report. */
    static final String DISK_LAYOUT = "after a snapshot with the head (POST /api/v1/admin/tsdb/snapshot?skip_head=false), which writes the head "
                + "as one compacted block: data = its chunks/, index = its index; the total is the data directory "
                + "without the snapshot (WAL and head chunks, as Prometheus keeps them before its first block at 3 h)";

    PrometheusServer(Path dataDir, int port) {
        super(ServerKind.PROMETHEUS, dataDir, port);
    }

    @Override
    List<String> command() throws IOException {
        Path config = dataDir().resolveSibling(dataDir().getFileName() + ".yml");
        // No scrape targets: everything arrives over remote write; the interval only has to be valid.
        Files.writeString(config, "global:\n  scrape_interval: 1h\n");
        return List.of("prometheus", "--config.file", config.toString(), "--storage.tsdb.path", dataDir().toString(),
                "--web.listen-address", "127.0.0.1:" + baseUrl().getPort(), "--web.enable-remote-write-receiver",
                "--storage.tsdb.retention.time", "100y", "--web.enable-admin-api", "--log.level", "warn");
    }

    @Override
    String readyPath() {
        return "/-/ready";
    }

    @Override
    public void flush() throws IOException, InterruptedException {
        AdminHttp.post(baseUrl().resolve("/api/v1/admin/tsdb/snapshot?skip_head=false"));
    }

    @Override
    public DiskUsage diskUsage() throws IOException {
        Path snapshots = dataDir().resolve("snapshots");
        long index = DiskUsage.bytes(snapshots, p -> p.getFileName().toString().equals("index"));
        long data = DiskUsage.bytes(snapshots, p -> p.getParent() != null && p.getParent().getFileName().toString().equals("chunks"));
        long total = DiskUsage.bytes(dataDir()) - DiskUsage.bytes(snapshots);
        return new DiskUsage(data, index, total);
    }

    @Override
    public String diskLayoutNote() {
        return DISK_LAYOUT;
    }

    /** Prometheus 2.42 prints {@code prometheus, version 2.42.0 (...)} on its first line. */
    static String versionOf(String versionOutput) {
        String first = versionOutput.strip().lines().findFirst().orElse("");
        int at = first.indexOf("version ");
        if (at < 0) {
            return "unknown";
        }
        String rest = first.substring(at + "version ".length());
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }
}
