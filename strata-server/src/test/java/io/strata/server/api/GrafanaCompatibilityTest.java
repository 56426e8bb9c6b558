package io.strata.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import io.strata.promql.engine.QueryStats;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Scalar;
import io.strata.promql.value.Value;
import io.strata.server.TestServer;
import io.strata.storage.Appender;
import io.strata.testing.InMemoryStorage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The requests Grafana 10 and 11's Prometheus data source sends, byte for byte as it sends them
 * (its backend's {@code promlib} client with the default POST method, its health check and its
 * metrics browser), and the answers read as Grafana reads them. Form bodies are encoded as Go's
 * {@code url.Values.Encode} writes them: keys sorted, {@code +}, {@code [}, {@code ]} and the like
 * percent-encoded. Times: one hour of samples every 15s from t=1700000000.
 */
class GrafanaCompatibilityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long START = 1_700_000_000L;
    private static final InMemoryStorage storage = new InMemoryStorage();
    private static TestServer server;

    @BeforeAll
    static void start() {
        Appender app = storage.appender();
        for (long t = START * 1000; t <= (START + 3600) * 1000; t += 15_000) {
            app.append(0, Labels.of("__name__", "up", "job", "node", "instance", "host-1:9100"), t, 1);
            app.append(0, Labels.of("__name__", "node_load1", "job", "node", "instance", "host-1:9100"), t, 0.25);
            app.append(0, Labels.of("__name__", "http_requests_total", "job", "api", "code", "200"), t,
                    (t / 1000 - START) * 2.0);
        }
        app.updateMetadata("up", new MetricMetadata(MetricType.GAUGE, "Whether the target is up.", ""));
        app.updateMetadata("http_requests_total", new MetricMetadata(MetricType.COUNTER, "Requests served.", ""));
        app.commit();
        server = TestServer.start(storage);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- "Save & test": the health check and the build-info heuristics ----

    @Test
    void healthCheckInstantQueryOnePlusOne() {
        HttpResponse<String> r = post("/api/v1/query", "query=1%2B1&time=4");
        assertThat(r.statusCode()).isEqualTo(200);
        GrafanaResponses.Answer answer = GrafanaResponses.readQuery(r.body());
        assertThat(answer.resultType()).isEqualTo("scalar");
        assertThat(answer.frames().getFirst().values()).containsExactly(2.0);
        assertThat(answer.frames().getFirst().times().getFirst()[0]).isEqualTo(4000);
    }

    @Test
    void buildInfoReadsAsPrometheusWithoutMimirFeatures() {
        HttpResponse<String> r = server.get("/api/v1/status/buildinfo");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode root = JSON.readTree(r.body());
        assertThat(root.get("status").asString()).isEqualTo("success");
        JsonNode data = root.get("data");
        assertThat(data.get("version").asString()).isNotEmpty();
        // Grafana treats a build info with "features" as Mimir, without as Prometheus.
        assertThat(data.has("features")).isFalse();
    }

    // ---- the metrics browser and query editor ----

    @Test
    void metricNamesForTheTimeRange() {
        HttpResponse<String> r = server.get("/api/v1/label/__name__/values?start=" + START + "&end=" + (START + 3600));
        assertThat(strings(r)).containsExactly("http_requests_total", "node_load1", "up");
    }

    @Test
    void labelNamesByPostWithAndWithoutMatch() {
        assertThat(strings(post("/api/v1/labels", "end=" + (START + 3600) + "&start=" + START)))
                .containsExactly("__name__", "code", "instance", "job");
        assertThat(strings(post("/api/v1/labels", "end=" + (START + 3600) + "&match%5B%5D=%7B__name__%3D%22up%22%7D&start="
                + START))).containsExactly("__name__", "instance", "job");
    }

    @Test
    void labelValuesWithMatchByGet() {
        HttpResponse<String> r = server.get("/api/v1/label/job/values?end=" + (START + 3600)
                + "&match%5B%5D=%7B__name__%3D%22http_requests_total%22%7D&start=" + START);
        assertThat(strings(r)).containsExactly("api");
    }

    @Test
    void seriesByPostWithGrafana11Limit() {
        HttpResponse<String> r = post("/api/v1/series", "end=" + (START + 3600) + "&limit=40000&match%5B%5D=%7B__name__%3D%22up%22%7D&start="
                + START);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(r.body()).get("data");
        assertThat(data.isArray()).isTrue();
        assertThat(data.size()).isEqualTo(1);
        assertThat(data.get(0).get("instance").asString()).isEqualTo("host-1:9100");
        // Grafana falls back to GET when a POST gets 400 or 405; GET must give the same answer.
        assertThat(server.get("/api/v1/series?end=" + (START + 3600) + "&limit=40000&match%5B%5D=%7B__name__%3D%22up%22%7D&start="
                + START).body()).isEqualTo(r.body());
    }

    @Test
    void metadataForTheEditorTooltips() {
        HttpResponse<String> r = server.get("/api/v1/metadata");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(r.body()).get("data");
        assertThat(data.get("http_requests_total").get(0).get("type").asString()).isEqualTo("counter");
        assertThat(data.get("up").get(0).get("help").asString()).isEqualTo("Whether the target is up.");
    }

    // ---- panels ----

    @Test
    void rangeQueryByPostAsTheBackendSendsIt() {
        HttpResponse<String> r = post("/api/v1/query_range", "end=" + (START + 600) + "&query=rate%28http_requests_total%5B5m%5D%29"
                + "&start=" + (START + 300) + "&step=60&timeout=60s");
        assertThat(r.statusCode()).isEqualTo(200);
        GrafanaResponses.Answer answer = GrafanaResponses.readQuery(r.body());
        assertThat(answer.resultType()).isEqualTo("matrix");
        assertThat(answer.frames()).hasSize(1);
        GrafanaResponses.Frame frame = answer.frames().getFirst();
        assertThat(frame.labels()).containsEntry("code", "200").doesNotContainKey("__name__");
        assertThat(frame.values()).hasSize(6).allSatisfy(v -> assertThat(v).isCloseTo(2.0, within(1e-9)));
    }

    @Test
    void rangeQueryByGetWithFractionalStepAndTimes() {
        HttpResponse<String> r = server.get("/api/v1/query_range?end=" + (START + 60) + ".5&query=up&start=" + START
                + ".5&step=7.5");
        GrafanaResponses.Answer answer = GrafanaResponses.readQuery(r.body());
        assertThat(answer.frames().getFirst().times()).hasSize(9);
        assertThat(answer.frames().getFirst().times().get(1)[0]).isEqualTo(START * 1000 + 8_000);
    }

    @Test
    void instantQueryForTablesAndStatsPanels() {
        HttpResponse<String> r = post("/api/v1/query", "query=node_load1+%2F+0&time=" + (START + 3600) + ".123");
        GrafanaResponses.Answer answer = GrafanaResponses.readQuery(r.body());
        assertThat(answer.resultType()).isEqualTo("vector");
        assertThat(answer.frames().getFirst().values()).containsExactly(Double.POSITIVE_INFINITY);
        HttpResponse<String> withStats = post("/api/v1/query", "query=up&stats=all&time=" + (START + 3600));
        assertThat(GrafanaResponses.readQuery(withStats.body()).frames()).hasSize(1);
    }

    @Test
    void exemplarsQueryIsAnEmptyList() {
        HttpResponse<String> r = post("/api/v1/query_exemplars", "end=" + (START + 3600)
                + "&query=rate%28http_requests_total%5B5m%5D%29&start=" + START);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
    }

    @Test
    void answersOfEveryTypeReadAsGrafanaReadsThem() {
        QueryStats stats = new QueryStats(10, 5, 1000, 100);
        Value series = new RangeMatrix(List.of(RangeSeries.ofFloats(Labels.of("__name__", "x", "a", "b"),
                new long[] {1000, 1500}, new double[] {Double.NaN, -1e-9})));
        String matrix = new String(ApiJson.success(g -> QueryResultJson.write(g, series, stats),
                List.of("a warning"), List.of("an info")), StandardCharsets.UTF_8);
        GrafanaResponses.Answer m = GrafanaResponses.readQuery(matrix);
        assertThat(m.resultType()).isEqualTo("matrix");
        assertThat(m.warnings()).containsExactly("a warning");
        assertThat(m.frames().getFirst().labels()).containsEntry("a", "b");
        assertThat(m.frames().getFirst().times()).extracting(t -> t[0]).containsExactly(1000L, 1500L);
        assertThat(m.frames().getFirst().values().get(1)).isEqualTo(-1e-9);
        Value instant = new InstantVector(List.of(Sample.ofFloat(Labels.EMPTY, 1, Double.NEGATIVE_INFINITY)));
        String vector = new String(ApiJson.success(g -> QueryResultJson.write(g, instant, null)), StandardCharsets.UTF_8);
        assertThat(GrafanaResponses.readQuery(vector).frames().getFirst().values()).containsExactly(Double.NEGATIVE_INFINITY);
        String scalar = new String(ApiJson.success(g -> QueryResultJson.write(g, new Scalar(4000, 2), stats)),
                StandardCharsets.UTF_8);
        assertThat(GrafanaResponses.readQuery(scalar).frames().getFirst().values()).containsExactly(2.0);
    }

    @Test
    void queryErrorReadsAsGrafanaReportsIt() {
        HttpResponse<String> r = post("/api/v1/query_range", "end=1&query=up&start=2&step=15");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode root = JSON.readTree(r.body());
        assertThat(root.get("status").asString()).isEqualTo("error");
        assertThat(root.get("errorType").asString()).isEqualTo("bad_data");
        assertThat(root.get("error").asString()).isEqualTo("invalid parameter \"end\": end timestamp must not be before start time");
    }

    private static HttpResponse<String> post(String path, String body) {
        return server.send(HttpRequest.newBuilder(server.uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    private static List<String> strings(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode root = JSON.readTree(r.body());
        assertThat(root.get("status").asString()).isEqualTo("success");
        return root.get("data").valueStream().map(JsonNode::asString).toList();
    }
}
