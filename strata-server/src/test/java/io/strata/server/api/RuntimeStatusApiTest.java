package io.strata.server.api;

import static io.strata.server.TestServer.form;
import static io.strata.server.api.ReadApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.server.TestServer;
import io.strata.testing.InMemoryStorage;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** {@code /api/v1/status/{runtimeinfo,flags,config}} and {@code /api/v1/query_exemplars}. */
class RuntimeStatusApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new InMemoryStorage(), "retention", "30d", "retention-size", "500GiB",
                "query.timeout", "45s", "enable-feature", "promql-experimental-functions,promql-delayed-name-removal");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void runtimeInfoHasPrometheusFieldsAndJavaFacts() {
        HttpResponse<String> r = server.get("/api/v1/status/runtimeinfo");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode data = JSON.readTree(r.body()).get("data");
        assertThat(data.propertyNames()).containsExactly("startTime", "CWD", "hostname", "serverTime",
                "reloadConfigSuccess", "lastConfigTime", "threadCount", "availableProcessors", "maxHeapBytes",
                "storageRetention");
        Instant start = Instant.parse(data.get("startTime").asString());
        Instant now = Instant.parse(data.get("serverTime").asString());
        assertThat(start).isBeforeOrEqualTo(now);
        assertThat(data.get("startTime").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d*[1-9])?Z");
        assertThat(data.get("CWD").asString()).isEqualTo(System.getProperty("user.dir"));
        assertThat(data.get("reloadConfigSuccess").asBoolean()).isTrue();
        assertThat(data.get("availableProcessors").asInt()).isEqualTo(Runtime.getRuntime().availableProcessors());
        assertThat(data.get("threadCount").asInt()).isPositive();
        assertThat(data.get("storageRetention").asString()).isEqualTo("30d or 500GiB");
    }

    @Test
    void goTimeDropsTrailingZerosOfTheFraction() {
        assertThat(RuntimeStatusHandlers.goTime(Instant.parse("2024-10-18T17:36:33.120Z"))).isEqualTo("2024-10-18T17:36:33.12Z");
        assertThat(RuntimeStatusHandlers.goTime(Instant.parse("2024-10-18T17:36:33Z"))).isEqualTo("2024-10-18T17:36:33Z");
        assertThat(RuntimeStatusHandlers.goTime(Instant.parse("2024-10-18T17:36:33.000000001Z")))
                .isEqualTo("2024-10-18T17:36:33.000000001Z");
    }

    @Test
    void flagsListEverySettingSortedWithItsValue() {
        HttpResponse<String> r = server.get("/api/v1/status/flags");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("{\"status\":\"success\",\"data\":{\"admin-api\":\"true\",\"block-duration\":\"2h\",")
                .contains("\"enable-feature\":\"promql-delayed-name-removal,promql-experimental-functions\"")
                .contains("\"query.timeout\":\"45s\"")
                .contains("\"query.max-samples\":\"50000000\"")
                .contains("\"retention\":\"30d\"");
        JsonNode data = JSON.readTree(r.body()).get("data");
        assertThat(java.util.List.copyOf(data.propertyNames())).isSorted();
    }

    @Test
    void configIsTheEffectiveYaml() {
        HttpResponse<String> r = server.get("/api/v1/status/config");
        assertThat(r.statusCode()).isEqualTo(200);
        String yaml = JSON.readTree(r.body()).get("data").get("yaml").asString();
        assertThat(yaml).startsWith("http:\n  listenAddress: 127.0.0.1\n")
                .contains("  retention: 30d\n  retentionSize: 500GiB\n")
                .contains("query:\n  timeout: 45s\n")
                .contains("features:\n  enable: \"promql-delayed-name-removal,promql-experimental-functions\"\n");
    }

    @Test
    void statusEndpointsAreGetOnly() {
        assertThat(server.postForm("/api/v1/status/config").statusCode()).isEqualTo(405);
        assertThat(server.postForm("/api/v1/status/flags").statusCode()).isEqualTo(405);
    }

    @Test
    void exemplarsCheckTimesAsPrometheusDoes() {
        assertError(server.get("/api/v1/query_exemplars?" + form("query", "up", "start", "x")), 400, "bad_data",
                "invalid parameter \\\"start\\\": Invalid time value for 'start': cannot parse \\\"x\\\" to a valid timestamp");
        assertError(server.postForm("/api/v1/query_exemplars", "query", "up", "start", "10", "end", "5"), 400,
                "bad_data", "end timestamp must not be before start timestamp");
    }

    @Test
    void exemplarsAreAnEmptyListAndNoContentWithoutSelectors() {
        HttpResponse<String> r = server.postForm("/api/v1/query_exemplars", "query", "rate(up[5m]) > 0", "start", "1",
                "end", "100");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":[]}");
        assertThat(server.get("/api/v1/query_exemplars?" + form("query", "1+1")).statusCode()).isEqualTo(204);
        HttpResponse<String> bad = server.get("/api/v1/query_exemplars?" + form("query", "up{"));
        assertError(bad, 400, "bad_data", "1:4: parse error: unexpected end of input inside braces");
    }
}
