package io.strata.server.e2e;

import io.strata.tsdb.fs.FaultyStorageFiles;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.server.TestServer;
import io.strata.server.cli.StorageOpeners;
import io.strata.server.ingest.PromWire;
import io.strata.tsdb.Tsdb;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server over a TSDB whose disk fills up or whose fsync fails: remote write answers 503 naming
 * the problem (so Prometheus retries), {@code /-/ready} turns 503 with the reason, nothing of the
 * refused request becomes readable, and once the disk works again writes are taken and the server
 * is ready, without a restart. A restart afterwards shows exactly the acknowledged requests.
 */
class StorageFaultTest {
    private static final String METRIC = "fault_test";

    @TempDir
    Path dataDir;

    @Test
    void fullDiskRefusesWritesAndMarksUnreadyUntilSpaceReturns() throws Exception {
        refusesWhileFaultyAndRecovers("interval", d -> d.failWritesAfter(0), FaultyStorageFiles::clearFaults, FaultyStorageFiles.DISK_FULL);
    }

    @Test
    void fullDiskInAlwaysModeRefusesWritesUntilSpaceReturns() throws Exception {
        refusesWhileFaultyAndRecovers("always", d -> d.failWritesAfter(0), FaultyStorageFiles::clearFaults, FaultyStorageFiles.DISK_FULL);
    }

    @Test
    void failingFsyncInAlwaysModeRefusesWritesUntilFsyncWorksAgain() throws Exception {
        refusesWhileFaultyAndRecovers("always", FaultyStorageFiles::failAllFsyncs, FaultyStorageFiles::clearFaults, FaultyStorageFiles.IO_ERROR);
    }

    private void refusesWhileFaultyAndRecovers(String walSync, Consumer<FaultyStorageFiles> breakIt, Consumer<FaultyStorageFiles> fixIt,
            String problem) throws Exception {
        long now = System.currentTimeMillis();
        FaultyStorageFiles disk = new FaultyStorageFiles();
        String before = "{__name__=\"" + METRIC + "\", phase=\"before\"} " + (now - 2) + "=1.0\n";
        String after = "{__name__=\"" + METRIC + "\", phase=\"after\"} " + now + "=3.0\n";

        try (TestServer server = TestServer.start(
                config -> Tsdb.open(StorageOpeners.tsdbOptions(config).toBuilder().files(disk).build()),
                "data-dir", dataDir.toString(), "wal-sync", walSync)) {
            assertThat(write(server, "before", now - 2, 1).statusCode()).isEqualTo(204);

            breakIt.accept(disk);
            HttpResponse<String> refused = write(server, "during", now - 1, 2);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.body()).startsWith("remote write not stored, retry later: ").contains(problem);
            HttpResponse<String> ready = server.get("/-/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).startsWith("Strata is not ready: WAL cannot be written").contains(problem);
            assertThat(server.get("/-/healthy").statusCode()).as("alive, only not ready").isEqualTo(200);
            assertThat(read(server, now)).as("nothing of the refused request is readable").isEqualTo(before);

            fixIt.accept(disk);
            HttpResponse<String> resumed = write(server, "after", now, 3);
            assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(204);
            assertThat(server.get("/-/ready").statusCode()).isEqualTo(200);
            assertThat(read(server, now)).isEqualTo(after + before);
            assertThat(server.get("/metrics").body()).doesNotContain("strata_head_commit_failures_total 0.0");
        }

        try (TestServer restarted = TestServer.start(StorageOpeners.tsdb(), "data-dir", dataDir.toString())) {
            assertThat(read(restarted, now)).isEqualTo(after + before);
        }
    }

    private static HttpResponse<String> write(TestServer server, String phase, long t, double v) {
        return server.send(PromWire.write(server.uri("/api/v1/write"),
                PromWire.series(new String[] {"__name__", METRIC, "phase", phase}, t, v)));
    }

    private static String read(TestServer server, long now) throws Exception {
        HttpResponse<byte[]> r = server.sendForBytes(PromWire.read(server.uri("/api/v1/read"), now - 60_000, now + 1,
                "__name__", METRIC));
        assertThat(r.statusCode()).isEqualTo(200);
        return PromWire.describe(PromWire.parseReadResponse(r.body()));
    }
}
