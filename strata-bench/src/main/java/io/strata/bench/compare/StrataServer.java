package io.strata.bench.compare;

import io.strata.tsdb.block.BlockFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Strata started through the repository's launcher ({@code ./strata server}), which picks the JDK
 * and the JVM flags: the harness measures what a user runs. Disk split: in {@code blocks/}, the
 * {@code chunks} files are data and the {@code index} files index; the WAL, its checkpoint and the
 * head's chunk file count only in the total.
 */
final class StrataServer extends LocalServer {
    /** Which files count as data and index, for the report. */
    static final String DISK_LAYOUT = "after POST /api/v1/admin/tsdb/flush and /api/v1/admin/tsdb/compact: data = blocks/*/chunks*, "
                + "index = blocks/*/index; "
                + "the total adds the WAL checkpoint, the head chunk file and metadata";

    private final Path launcher;

    StrataServer(Path launcher, Path dataDir, int port) {
        super(ServerKind.STRATA, dataDir, port);
        this.launcher = launcher;
    }

    @Override
    List<String> command() {
        return List.of(launcher.toString(), "server", "--data-dir", dataDir().toString(),
                "--http-port", Integer.toString(baseUrl().getPort()), "--listen-address", "127.0.0.1");
    }

    @Override
    String readyPath() {
        return "/-/ready";
    }

    @Override
    public void flush() throws IOException, InterruptedException {
        AdminHttp.post(baseUrl().resolve("/api/v1/admin/tsdb/flush"));
        // Blocks are cut at 2 h boundaries; merging those of one unfinished range is what
        // VictoriaMetrics's force_merge does for its parts.
        AdminHttp.post(baseUrl().resolve("/api/v1/admin/tsdb/compact"));
    }

    @Override
    public DiskUsage diskUsage() throws IOException {
        Path blocks = dataDir().resolve("blocks");
        long index = DiskUsage.bytes(blocks, p -> p.getFileName().toString().equals(BlockFiles.INDEX));
        long data = DiskUsage.bytes(blocks, p -> blocks.relativize(p).toString().contains(BlockFiles.CHUNKS));
        return new DiskUsage(data, index, DiskUsage.bytes(dataDir()));
    }

    @Override
    public String diskLayoutNote() {
        return DISK_LAYOUT;
    }
}
