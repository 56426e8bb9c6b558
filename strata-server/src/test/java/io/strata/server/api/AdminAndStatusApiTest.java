package io.strata.server.api;

import static io.strata.server.TestServer.form;
import static io.strata.server.api.ReadApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.server.TestServer;
import io.strata.storage.Appender;
import io.strata.storage.Health;
import io.strata.testing.InMemoryStorage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminAndStatusApiTest {
    private final InMemoryStorage storage = new InMemoryStorage();
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void deleteSeriesRemovesMatchingSamplesInRangeAndAnswers204() {
        write(Labels.of("__name__", "up", "job", "a"), 1_000, 2_000, 3_000);
        write(Labels.of("__name__", "up", "job", "b"), 1_000);
        server = TestServer.start(storage);

        HttpResponse<String> r = server.postForm("/api/v1/admin/tsdb/delete_series",
                "match[]", "up{job=\"a\"}", "start", "1.5", "end", "2.5");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(server.get("/api/v1/series?" + form("match[]", "up", "start", "1.5", "end", "2.5")).body())
                .isEqualTo("{\"status\":\"success\",\"data\":[]}");

        HttpResponse<String> put = server.send(HttpRequest.newBuilder(server.uri(
                        "/api/v1/admin/tsdb/delete_series?" + form("match[]", "{job=\"b\"}")))
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        assertThat(put.statusCode()).isEqualTo(204);
        assertThat(server.get("/api/v1/label/job/values").body()).isEqualTo("{\"status\":\"success\",\"data\":[\"a\"]}");
    }

    @Test
    void deleteSeriesNeedsAUsableMatch() {
        server = TestServer.start(storage);
        assertError(server.postForm("/api/v1/admin/tsdb/delete_series"), 400, "bad_data", "no match[] parameter provided");
        assertError(server.postForm("/api/v1/admin/tsdb/delete_series", "match[]", "up{"), 400, "bad_data",
                "invalid parameter \\\"match[]\\\": 1:4: parse error: unexpected end of input inside braces");
        assertError(server.postForm("/api/v1/admin/tsdb/delete_series", "match[]", "{job=\"\"}"), 400, "bad_data",
                "invalid parameter \\\"match[]\\\": match[] must contain at least one non-empty matcher");
        assertError(server.postForm("/api/v1/admin/tsdb/delete_series", "match[]", "up", "start", "x"), 400, "bad_data",
                "invalid parameter \\\"start\\\": Invalid time value for 'start': cannot parse \\\"x\\\" to a valid timestamp");
        assertThat(server.get("/api/v1/admin/tsdb/delete_series?match[]=up").statusCode()).isEqualTo(405);
    }

    @Test
    void flushReachesTheStorage() {
        server = TestServer.start(storage);
        HttpResponse<String> r = server.postForm("/api/v1/admin/tsdb/flush");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(storage.flushCount()).isEqualTo(1);
    }

    @Test
    void compactReachesTheStorage() {
        server = TestServer.start(storage);
        assertThat(server.postForm("/api/v1/admin/tsdb/compact").statusCode()).isEqualTo(204);
        assertThat(storage.compactCount()).isEqualTo(1);
        assertThat(server.get("/api/v1/admin/tsdb/compact").statusCode()).isEqualTo(405);
    }

    @Test
    void adminEndpointsCanBeDisabled() {
        write(Labels.of("__name__", "up"), 1_000);
        server = TestServer.start(storage, "admin-api", "false");
        assertError(server.postForm("/api/v1/admin/tsdb/delete_series", "match[]", "up"), 503, "unavailable",
                "admin APIs disabled; set http.adminApi: true to enable them");
        assertError(server.postForm("/api/v1/admin/tsdb/flush"), 503, "unavailable",
                "admin APIs disabled; set http.adminApi: true to enable them");
        assertError(server.postForm("/api/v1/admin/tsdb/compact"), 503, "unavailable",
                "admin APIs disabled; set http.adminApi: true to enable them");
        assertThat(storage.flushCount()).isZero();
        assertThat(storage.compactCount()).isZero();
        assertThat(server.get("/api/v1/label/__name__/values").body()).contains("up");
    }

    @Test
    void healthyAndReadyFollowTheStorage() {
        server = TestServer.start(storage);
        HttpResponse<String> healthy = server.get("/-/healthy");
        assertThat(healthy.statusCode()).isEqualTo(200);
        assertThat(healthy.body()).isEqualTo("Strata is Healthy.\n");
        assertThat(server.get("/-/ready").body()).isEqualTo("Strata is Ready.\n");

        storage.setHealth(Health.unready("disk full: 0 bytes free in data/wal; free space or raise retention"));
        HttpResponse<String> unready = server.get("/-/ready");
        assertThat(unready.statusCode()).isEqualTo(503);
        assertThat(unready.body()).isEqualTo("Strata is not ready: disk full: 0 bytes free in data/wal; free space or raise retention\n");

        HttpResponse<Void> head = server.sendDiscarding(HttpRequest.newBuilder(server.uri("/-/healthy"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(19);
    }

    @Test
    void apiAnswers503UntilTheStorageIsOpen() {
        server = TestServer.bind();
        assertThat(server.get("/-/healthy").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = server.get("/-/ready");
        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).startsWith("Strata is not ready: opening storage in ./data (replaying the WAL)");
        assertError(server.get("/api/v1/labels"), 503, "unavailable", "opening storage in ./data (replaying the WAL)");

        server.server().openStorage(config -> storage);
        assertThat(server.get("/-/ready").statusCode()).isEqualTo(200);
        assertThat(server.get("/api/v1/labels").statusCode()).isEqualTo(200);
    }

    @Test
    void metricsExposeRequestCountsByHandlerAndCode() {
        server = TestServer.start(storage);
        server.get("/api/v1/labels");
        server.get("/api/v1/labels?limit=x");
        server.get("/nope");
        HttpResponse<String> r = server.get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(r.body())
                .contains("strata_http_requests_total{code=\"200\",handler=\"/api/v1/labels\"} 1.0")
                .contains("strata_http_requests_total{code=\"400\",handler=\"/api/v1/labels\"} 1.0")
                .contains("strata_http_requests_total{code=\"404\",handler=\"notfound\"} 1.0")
                .contains("strata_http_request_duration_seconds_bucket{handler=\"/api/v1/labels\",le=\"60.0\"} 2")
                .contains("jvm_memory_used_bytes{area=\"heap\"}")
                .contains("strata_build_info{");
    }

    private void write(Labels labels, long... timestamps) {
        Appender app = storage.appender();
        for (long t : timestamps) {
            app.append(0, labels, t, 1);
        }
        app.commit();
    }
}
