package io.strata.server;

import static io.strata.server.TestServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.server.cli.StorageOpeners;
import io.strata.server.ingest.PromWire;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real thing: the server over the TSDB in a temporary directory, written through remote
 * write, read through the series API and remote read, restarted, and read again.
 */
class EndToEndTest {
    @TempDir
    Path dataDir;

    @Test
    void remoteWriteSurvivesARestartAndReadsBackThroughEveryApi() throws Exception {
        long now = System.currentTimeMillis() / 1000 * 1000;
        String[] upA = {"__name__", "up", "instance", "a:9100", "job", "node"};
        String[] upB = {"__name__", "up", "instance", "b:9100", "job", "node"};
        String[] load = {"__name__", "node_load1", "instance", "a:9100", "job", "node"};
        String expectedSeries = "{\"status\":\"success\",\"data\":["
                + "{\"__name__\":\"up\",\"instance\":\"a:9100\",\"job\":\"node\"},"
                + "{\"__name__\":\"up\",\"instance\":\"b:9100\",\"job\":\"node\"}]}";
        String expectedRead = "{__name__=\"up\", instance=\"a:9100\", job=\"node\"} " + (now - 15_000) + "=1.0 " + now + "=1.0\n"
                + "{__name__=\"up\", instance=\"b:9100\", job=\"node\"} " + now + "=0.0\n";

        try (TestServer server = start()) {
            HttpResponse<String> w = server.send(PromWire.write(server.uri("/api/v1/write"),
                    PromWire.series(upA, now - 15_000, 1, now, 1),
                    PromWire.series(upB, now, 0),
                    PromWire.series(load, now, 0.25)));
            assertThat(w.statusCode()).as(w.body()).isEqualTo(204);

            assertThat(server.get("/api/v1/series?match[]=up").body()).isEqualTo(expectedSeries);
            assertThat(server.get("/api/v1/label/__name__/values").body())
                    .isEqualTo("{\"status\":\"success\",\"data\":[\"node_load1\",\"up\"]}");
            assertThat(remoteRead(server, now)).isEqualTo(expectedRead);
            assertThat(server.get("/api/v1/status/tsdb").body()).contains("\"numSeries\":3");
            assertThat(server.get("/metrics").body())
                    .contains("strata_head_series 3.0")
                    .contains("strata_head_samples_appended_total 4.0")
                    .contains("strata_ingest_samples_total 4.0");
            assertThat(server.get("/-/ready").body()).isEqualTo("Strata is Ready.\n");
        }

        try (TestServer restarted = start()) {
            assertThat(restarted.get("/api/v1/series?match[]=up").body()).isEqualTo(expectedSeries);
            assertThat(remoteRead(restarted, now)).isEqualTo(expectedRead);

            // Admin: delete one series, flush the head to a block, and the answer stays right.
            assertThat(restarted.postForm("/api/v1/admin/tsdb/delete_series", "match[]", "up{instance=\"b:9100\"}")
                    .statusCode()).isEqualTo(204);
            assertThat(restarted.postForm("/api/v1/admin/tsdb/flush").statusCode()).isEqualTo(204);
            assertThat(restarted.get("/api/v1/series?" + form("match[]", "up")).body())
                    .isEqualTo("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"a:9100\",\"job\":\"node\"}]}");
        }

        try (TestServer again = start()) {
            assertThat(remoteRead(again, now))
                    .isEqualTo("{__name__=\"up\", instance=\"a:9100\", job=\"node\"} " + (now - 15_000) + "=1.0 " + now + "=1.0\n");
        }
    }

    private TestServer start() {
        return TestServer.start(StorageOpeners.tsdb(), "data-dir", dataDir.toString());
    }

    private static String remoteRead(TestServer server, long now) throws Exception {
        HttpResponse<byte[]> r = server.sendForBytes(PromWire.read(server.uri("/api/v1/read"), now - 60_000, now, "__name__", "up"));
        assertThat(r.statusCode()).isEqualTo(200);
        return PromWire.describe(PromWire.parseReadResponse(r.body()));
    }
}
