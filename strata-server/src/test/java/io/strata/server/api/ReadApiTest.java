package io.strata.server.api;

import static io.strata.server.TestServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import io.strata.server.TestServer;
import io.strata.storage.Appender;
import io.strata.testing.InMemoryStorage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The read endpoints over a fixed data set, answers compared byte for byte with Prometheus's shape. */
class ReadApiTest {
    private static final InMemoryStorage storage = new InMemoryStorage();
    private static TestServer server;

    @BeforeAll
    static void start() {
        Appender app = storage.appender();
        app.append(0, Labels.of("__name__", "up", "job", "api", "instance", "a"), 1_000_000, 1);
        app.append(0, Labels.of("__name__", "up", "job", "api", "instance", "b"), 2_000_000, 1);
        app.append(0, Labels.of("__name__", "up", "job", "db", "instance", "c"), 1_000_000, 0);
        app.append(0, Labels.of("__name__", "http_requests_total", "job", "api", "code", "200"), 1_000_000, 5);
        app.append(0, Labels.of("__name__", "http_requests_total", "job", "api", "code", "500"), 1_000_000, 1);
        app.append(0, Labels.of("__name__", "odd", "path", "a<b>&\"c\"\n/é"), 1_000_000, 1);
        app.append(0, Labels.of("__name__", "dotted", "my.label", "x"), 1_000_000, 1);
        app.updateMetadata("up", new MetricMetadata(MetricType.GAUGE, "Whether the target is up.", ""));
        app.updateMetadata("http_requests_total", new MetricMetadata(MetricType.COUNTER, "Requests.", "requests"));
        app.commit();
        server = TestServer.start(storage);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- /api/v1/series ----

    @Test
    void seriesReturnsSortedLabelSetsAsJsonObjects() {
        assertOk(server.get("/api/v1/series?match[]=up"),
                "{\"status\":\"success\",\"data\":["
                        + "{\"__name__\":\"up\",\"instance\":\"a\",\"job\":\"api\"},"
                        + "{\"__name__\":\"up\",\"instance\":\"b\",\"job\":\"api\"},"
                        + "{\"__name__\":\"up\",\"instance\":\"c\",\"job\":\"db\"}]}");
    }

    @Test
    void seriesMergesSeveralSelectorsWithoutDuplicates() {
        String query = form("match[]", "up{job=\"db\"}", "match[]", "{job=~\"d.*\"}", "match[]", "http_requests_total{code=\"500\"}");
        assertOk(server.get("/api/v1/series?" + query),
                "{\"status\":\"success\",\"data\":["
                        + "{\"__name__\":\"http_requests_total\",\"code\":\"500\",\"job\":\"api\"},"
                        + "{\"__name__\":\"up\",\"instance\":\"c\",\"job\":\"db\"}]}");
    }

    @Test
    void seriesAcceptsAFormPostAndTimeRange() {
        HttpResponse<String> r = server.postForm("/api/v1/series", "match[]", "up", "start", "1500", "end", "2500");
        assertOk(r, "{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"instance\":\"b\",\"job\":\"api\"}]}");
    }

    @Test
    void seriesAcceptsRfc3339Times() {
        // 1970-01-01T00:16:40Z is t=1000s: only the samples at exactly 1000s are in range.
        assertOk(server.get("/api/v1/series?" + form("match[]", "up", "start", "1970-01-01T00:16:40Z",
                        "end", "1970-01-01T00:16:40.5+00:00")),
                "{\"status\":\"success\",\"data\":["
                        + "{\"__name__\":\"up\",\"instance\":\"a\",\"job\":\"api\"},"
                        + "{\"__name__\":\"up\",\"instance\":\"c\",\"job\":\"db\"}]}");
    }

    @Test
    void seriesLimitTruncatesWithAWarning() {
        assertOk(server.get("/api/v1/series?" + form("match[]", "up", "limit", "2")),
                "{\"status\":\"success\",\"data\":["
                        + "{\"__name__\":\"up\",\"instance\":\"a\",\"job\":\"api\"},"
                        + "{\"__name__\":\"up\",\"instance\":\"b\",\"job\":\"api\"}],"
                        + "\"warnings\":[\"results truncated due to limit\"]}");
        assertThat(server.get("/api/v1/series?" + form("match[]", "up", "limit", "3")).body())
                .doesNotContain("warnings");
    }

    @Test
    void seriesEscapesStringsLikeGo() {
        assertOk(server.get("/api/v1/series?" + form("match[]", "odd")),
                "{\"status\":\"success\",\"data\":[{\"__name__\":\"odd\","
                        + "\"path\":\"a\\u003cb\\u003e\\u0026\\\"c\\\"\\n/é\"}]}");
    }

    @Test
    void seriesWithoutMatchIsBadData() {
        assertError(server.get("/api/v1/series"), 400, "bad_data", "no match[] parameter provided");
    }

    @Test
    void badTimeNamesParameterAndValue() {
        assertError(server.get("/api/v1/series?" + form("match[]", "up", "start", "yesterday")), 400, "bad_data",
                "invalid parameter \\\"start\\\": Invalid time value for 'start': cannot parse \\\"yesterday\\\" to a valid timestamp");
        assertError(server.get("/api/v1/labels?" + form("end", "2023-13-01T00:00:00Z")), 400, "bad_data",
                "invalid parameter \\\"end\\\": Invalid time value for 'end': cannot parse \\\"2023-13-01T00:00:00Z\\\" to a valid timestamp");
    }

    @Test
    void badSelectorGivesPositionedParseError() {
        assertError(server.get("/api/v1/series?" + form("match[]", "up{job=}")), 400, "bad_data",
                "invalid parameter \\\"match[]\\\": 1:8: parse error: unexpected \\\"}\\\" in label matching, expected string");
        assertError(server.get("/api/v1/labels?" + form("match[]", "up{")), 400, "bad_data",
                "1:4: parse error: unexpected end of input inside braces");
    }

    @Test
    void selectorMatchingEverythingIsRefused() {
        assertError(server.get("/api/v1/series?" + form("match[]", "{job=~\".*\"}")), 400, "bad_data",
                "invalid parameter \\\"match[]\\\": match[] must contain at least one non-empty matcher");
        assertError(server.get("/api/v1/labels?" + form("match[]", "{job=~\".*\"}")), 400, "bad_data",
                "match[] must contain at least one non-empty matcher");
    }

    @Test
    void badLimitIsBadData() {
        assertError(server.get("/api/v1/series?" + form("match[]", "up", "limit", "ten")), 400, "bad_data",
                "invalid parameter \\\"limit\\\": strconv.Atoi: parsing \\\"ten\\\": invalid syntax");
        assertError(server.get("/api/v1/labels?limit=-1"), 400, "bad_data",
                "invalid parameter \\\"limit\\\": limit must be non-negative");
    }

    // ---- /api/v1/labels and /api/v1/label/<name>/values ----

    @Test
    void labelNamesAreSortedAndFilteredByMatch() {
        assertOk(server.get("/api/v1/labels"),
                "{\"status\":\"success\",\"data\":[\"__name__\",\"code\",\"instance\",\"job\",\"my.label\",\"path\"]}");
        assertOk(server.get("/api/v1/labels?" + form("match[]", "up")),
                "{\"status\":\"success\",\"data\":[\"__name__\",\"instance\",\"job\"]}");
        assertOk(server.postForm("/api/v1/labels", "match[]", "up", "match[]", "http_requests_total"),
                "{\"status\":\"success\",\"data\":[\"__name__\",\"code\",\"instance\",\"job\"]}");
        assertOk(server.get("/api/v1/labels?limit=2"),
                "{\"status\":\"success\",\"data\":[\"__name__\",\"code\"],\"warnings\":[\"results truncated due to limit\"]}");
        assertOk(server.get("/api/v1/labels?start=3000"), "{\"status\":\"success\",\"data\":[]}");
    }

    @Test
    void labelValuesAreSortedAndFiltered() {
        assertOk(server.get("/api/v1/label/job/values"), "{\"status\":\"success\",\"data\":[\"api\",\"db\"]}");
        assertOk(server.get("/api/v1/label/__name__/values?" + form("match[]", "{job=\"api\"}")),
                "{\"status\":\"success\",\"data\":[\"http_requests_total\",\"up\"]}");
        assertOk(server.get("/api/v1/label/instance/values?limit=1"),
                "{\"status\":\"success\",\"data\":[\"a\"],\"warnings\":[\"results truncated due to limit\"]}");
        assertOk(server.get("/api/v1/label/nope/values"), "{\"status\":\"success\",\"data\":[]}");
    }

    @Test
    void labelValuesUnescapesUtf8LabelNames() {
        assertOk(server.get("/api/v1/label/U__my_2e_label/values"), "{\"status\":\"success\",\"data\":[\"x\"]}");
        assertOk(server.get("/api/v1/label/my.label/values"), "{\"status\":\"success\",\"data\":[\"x\"]}");
    }

    @Test
    void labelValuesOfAnEmptyNameIsBadData() {
        assertError(server.get("/api/v1/label//values"), 400, "bad_data", "invalid label name: \\\"\\\"");
    }

    // ---- /api/v1/metadata, /api/v1/status/* ----

    @Test
    void metadataListsFamiliesSorted() {
        assertOk(server.get("/api/v1/metadata"),
                "{\"status\":\"success\",\"data\":{"
                        + "\"http_requests_total\":[{\"type\":\"counter\",\"help\":\"Requests.\",\"unit\":\"requests\"}],"
                        + "\"up\":[{\"type\":\"gauge\",\"help\":\"Whether the target is up.\",\"unit\":\"\"}]}}");
        assertOk(server.get("/api/v1/metadata?metric=up"),
                "{\"status\":\"success\",\"data\":{\"up\":[{\"type\":\"gauge\",\"help\":\"Whether the target is up.\",\"unit\":\"\"}]}}");
        assertOk(server.get("/api/v1/metadata?limit=0"), "{\"status\":\"success\",\"data\":{}}");
        assertError(server.get("/api/v1/metadata?limit=x"), 400, "bad_data", "limit must be a number");
        assertError(server.get("/api/v1/metadata?limit_per_metric=1.5"), 400, "bad_data", "limit_per_metric must be a number");
    }

    @Test
    void tsdbStatusReportsHeadCardinality() {
        assertOk(server.get("/api/v1/status/tsdb?limit=1"),
                "{\"status\":\"success\",\"data\":{"
                        + "\"headStats\":{\"numSeries\":7,\"numLabelPairs\":13,\"chunkCount\":0,\"minTime\":1000000,\"maxTime\":2000000},"
                        + "\"seriesCountByMetricName\":[{\"name\":\"up\",\"value\":3}],"
                        + "\"labelValueCountByLabelName\":[{\"name\":\"__name__\",\"value\":4}],"
                        + "\"memoryInBytesByLabelName\":[{\"name\":\"__name__\",\"value\":53}],"
                        + "\"seriesCountByLabelValuePair\":[{\"name\":\"job=api\",\"value\":4}]}}");
        assertError(server.get("/api/v1/status/tsdb?limit=0"), 400, "bad_data",
                "limit must be a positive number, got \\\"0\\\"");
    }

    @Test
    void buildInfoHasPrometheusFieldNames() {
        HttpResponse<String> r = server.get("/api/v1/status/buildinfo");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches("\\{\"status\":\"success\",\"data\":\\{\"version\":\"[^\"]+\",\"revision\":\"[^\"]*\","
                + "\"branch\":\"[^\"]*\",\"buildUser\":\"\",\"buildDate\":\"[^\"]*\",\"javaVersion\":\"[^\"]+\"}}");
    }

    // ---- errors common to all endpoints ----

    @Test
    void unknownApiPathIsJsonNotFoundAndOtherPathsAreText() {
        assertError(server.get("/api/v1/nope"), 404, "not_found", "no such path: /api/v1/nope");
        HttpResponse<String> r = server.get("/nope");
        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).isEqualTo("no such path: /nope\n");
    }

    @Test
    void wrongMethodIs405WithAllowHeader() {
        HttpResponse<String> r = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/labels"))
                .DELETE().build());
        assertError(r, 405, "bad_data", "method DELETE is not allowed for /api/v1/labels; use GET, POST");
        assertThat(r.headers().firstValue("Allow")).contains("GET, POST");
        HttpResponse<String> post = server.postForm("/api/v1/label/job/values");
        assertThat(post.statusCode()).isEqualTo(405);
    }

    @Test
    void corsHeadersAnswerBrowsers() {
        HttpResponse<String> r = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/labels"))
                .header("Origin", "http://grafana.example").GET().build());
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains("http://grafana.example");
        HttpResponse<String> error = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/labels?limit=x"))
                .header("Origin", "http://grafana.example").GET().build());
        assertError(error, 400, "bad_data", "invalid parameter \\\"limit\\\": strconv.Atoi: parsing \\\"x\\\": invalid syntax");
        assertThat(error.headers().firstValue("Access-Control-Allow-Origin")).contains("http://grafana.example");
        HttpResponse<String> options = server.send(java.net.http.HttpRequest.newBuilder(server.uri("/api/v1/series"))
                .method("OPTIONS", java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Allow")).contains("GET, POST, OPTIONS");
    }

    private static void assertOk(HttpResponse<String> r, String body) {
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    }

    /** {@code message} is as it appears inside the JSON string (escaped). */
    static void assertError(HttpResponse<String> r, int status, String type, String message) {
        assertThat(r.body()).isEqualTo("{\"status\":\"error\",\"errorType\":\"" + type + "\",\"error\":\"" + message + "\"}");
        assertThat(r.statusCode()).isEqualTo(status);
    }
}
