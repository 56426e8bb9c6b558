package io.strata.server.api;

import static io.strata.server.TestServer.form;
import static io.strata.server.api.ReadApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.server.TestServer;
import io.strata.storage.Appender;
import io.strata.testing.InMemoryStorage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/v1/query} and {@code /api/v1/query_range} through the real server: every parameter
 * error word for word as Prometheus writes it, and answers byte for byte. Data: two {@code up}
 * series and a counter, one sample every 15s from t=1000s to t=1300s.
 */
class QueryApiTest {
    private static final InMemoryStorage storage = new InMemoryStorage();
    private static TestServer server;

    @BeforeAll
    static void start() {
        Appender app = storage.appender();
        for (long t = 1_000_000; t <= 1_300_000; t += 15_000) {
            app.append(0, Labels.of("__name__", "up", "job", "api", "instance", "a"), t, 1);
            app.append(0, Labels.of("__name__", "up", "job", "api", "instance", "b"), t, 0);
            app.append(0, Labels.of("__name__", "requests_total", "job", "api"), t, (t - 1_000_000) / 1000.0);
        }
        app.commit();
        server = TestServer.start(storage);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    // ---- parameter errors, checked before the query is parsed ----

    @Test
    void badLimitIsReportedFirstAsGoReportsIt() {
        assertError(server.get("/api/v1/query?" + form("query", "up", "limit", "x", "time", "nope")), 400, "bad_data",
                "invalid parameter \\\"limit\\\": strconv.Atoi: parsing \\\"x\\\": invalid syntax");
        assertError(server.get("/api/v1/query_range?" + form("query", "up", "limit", "-1")), 400, "bad_data",
                "invalid parameter \\\"limit\\\": limit must be non-negative");
        assertError(server.get("/api/v1/query?" + form("query", "up", "limit", "99999999999999999999")), 400,
                "bad_data", "invalid parameter \\\"limit\\\": strconv.Atoi: parsing \\\"99999999999999999999\\\": value out of range");
    }

    @Test
    void badInstantTimeNamesTheParameter() {
        assertError(server.get("/api/v1/query?" + form("query", "up", "time", "x")), 400, "bad_data",
                "invalid parameter \\\"time\\\": Invalid time value for 'time': cannot parse \\\"x\\\" to a valid timestamp");
    }

    @Test
    void badTimeoutAndLookbackDelta() {
        assertError(server.get("/api/v1/query?" + form("query", "up", "timeout", "soon")), 400, "bad_data",
                "invalid parameter \\\"timeout\\\": cannot parse \\\"soon\\\" to a valid duration");
        assertError(server.get("/api/v1/query?" + form("query", "up", "lookback_delta", "5x")), 400, "bad_data",
                "error parsing lookback delta duration: cannot parse \\\"5x\\\" to a valid duration");
        assertError(server.postForm("/api/v1/query_range", "query", "up", "start", "0", "end", "1", "step", "1",
                "timeout", "1e10"), 400, "bad_data",
                "invalid parameter \\\"timeout\\\": cannot parse \\\"1e10\\\" to a valid duration. It overflows int64");
    }

    @Test
    void rangeNeedsStartEndAndStep() {
        assertError(server.get("/api/v1/query_range?" + form("query", "up")), 400, "bad_data",
                "invalid parameter \\\"start\\\": cannot parse \\\"\\\" to a valid timestamp");
        assertError(server.get("/api/v1/query_range?" + form("query", "up", "start", "x", "end", "2")), 400, "bad_data",
                "invalid parameter \\\"start\\\": cannot parse \\\"x\\\" to a valid timestamp");
        assertError(server.get("/api/v1/query_range?" + form("query", "up", "start", "1", "end", "")), 400, "bad_data",
                "invalid parameter \\\"end\\\": cannot parse \\\"\\\" to a valid timestamp");
        assertError(server.get("/api/v1/query_range?" + form("query", "up", "start", "1", "end", "2")), 400, "bad_data",
                "invalid parameter \\\"step\\\": cannot parse \\\"\\\" to a valid duration");
        assertError(server.get("/api/v1/query_range?" + form("query", "up", "start", "1", "end", "2", "step", "1q")),
                400, "bad_data", "invalid parameter \\\"step\\\": cannot parse \\\"1q\\\" to a valid duration");
    }

    @Test
    void endBeforeStartIsRefused() {
        assertError(server.get("/api/v1/query_range?" + form("query", "up", "start", "2", "end", "1", "step", "1")),
                400, "bad_data", "invalid parameter \\\"end\\\": end timestamp must not be before start time");
    }

    @Test
    void zeroNegativeAndSubMillisecondStepsAreRefused() {
        String message = "invalid parameter \\\"step\\\": zero or negative query resolution step widths are not"
                + " accepted. Try a positive integer";
        for (String step : new String[] {"0", "-15", "0s", "0.0001"}) {
            assertError(server.get("/api/v1/query_range?" + form("query", "up", "start", "1", "end", "2", "step", step)),
                    400, "bad_data", message);
        }
    }

    @Test
    void moreThanElevenThousandPointsIsRefused() {
        String message = "exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query"
                + " resolution (?step=XX)";
        assertError(server.get("/api/v1/query_range?" + form("query", "up", "start", "0", "end", "11001", "step", "1")),
                400, "bad_data", message);
        assertError(server.get("/api/v1/query_range?" + form("query", "up", "start", "1970-01-01T00:00:00Z",
                "end", "1970-01-01T03:03:21Z", "step", "1s")), 400, "bad_data", message);
        // Exactly 11,000 steps is still fine, as in Prometheus (it counts intervals, not points).
        HttpResponse<String> ok = server.get("/api/v1/query_range?" + form("query", "up", "start", "0", "end", "11000",
                "step", "1"));
        assertThat(ok.body()).doesNotContain("exceeded maximum resolution");
    }

    @Test
    void pointsPerSeriesSaturatesLikeGoDurations() {
        assertThat(QueryHandler.pointsPerSeries(ApiParams.MIN_TIME, ApiParams.MAX_TIME, 1_000_000_000L))
                .isEqualTo(Long.MAX_VALUE / 1_000_000_000L);
        assertThat(QueryHandler.pointsPerSeries(0, 11_001_000, 1_000_000_000L)).isEqualTo(11_001);
    }

    @Test
    void queryThatDoesNotParseNamesTheParameter() {
        assertError(server.get("/api/v1/query?" + form("query", "up{")), 400, "bad_data",
                "invalid parameter \\\"query\\\": 1:4: parse error: unexpected end of input inside braces");
        assertError(server.get("/api/v1/query?" + form("query", "")), 400, "bad_data",
                "invalid parameter \\\"query\\\": 1:1: parse error: no expression found in input");
        assertError(server.get("/api/v1/query_range?" + form("query", "up[5m]", "start", "1", "end", "2", "step", "1")),
                400, "bad_data", "invalid parameter \\\"query\\\": invalid expression type \\\"range vector\\\" for range"
                        + " query, must be Scalar or instant Vector");
    }

    // ---- answers ----

    @Test
    void instantVectorAnswer() {
        assertOk(server.get("/api/v1/query?" + form("query", "up", "time", "1300")),
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"a\",\"job\":\"api\"},\"value\":[1300,\"1\"]},"
                        + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"b\",\"job\":\"api\"},\"value\":[1300,\"0\"]}]}}");
    }

    @Test
    void rangeMatrixAnswerByPost() {
        assertOk(server.postForm("/api/v1/query_range", "query", "requests_total", "start", "1000", "end", "1030.5",
                        "step", "15"),
                "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":["
                        + "{\"metric\":{\"__name__\":\"requests_total\",\"job\":\"api\"},"
                        + "\"values\":[[1000,\"0\"],[1015,\"15\"],[1030,\"30\"]]}]}}");
    }

    @Test
    void scalarAnswerHasAShortestFloatTimestamp() {
        assertOk(server.get("/api/v1/query?" + form("query", "1+1", "time", "4.25")),
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[4.25,\"2\"]}}");
        assertOk(server.get("/api/v1/query?" + form("query", "0/0", "time", "1")),
                "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1,\"NaN\"]}}");
    }

    @Test
    void infinitiesInVectors() {
        assertOk(server.get("/api/v1/query?" + form("query", "up{instance=\"a\"} / 0", "time", "1300")),
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"instance\":\"a\",\"job\":\"api\"},\"value\":[1300,\"+Inf\"]}]}}");
        assertOk(server.get("/api/v1/query?" + form("query", "-up{instance=\"a\"} / 0", "time", "1300")),
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"instance\":\"a\",\"job\":\"api\"},\"value\":[1300,\"-Inf\"]}]}}");
    }

    @Test
    void limitKeepsTheFirstSeriesAndWarns() {
        assertOk(server.get("/api/v1/query?" + form("query", "up", "time", "1300", "limit", "1")),
                "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                        + "{\"metric\":{\"__name__\":\"up\",\"instance\":\"a\",\"job\":\"api\"},\"value\":[1300,\"1\"]}]},"
                        + "\"warnings\":[\"results truncated due to limit\"]}");
        HttpResponse<String> exact = server.get("/api/v1/query_range?" + form("query", "up", "start", "1000", "end",
                "1000", "step", "1", "limit", "2"));
        assertThat(exact.body()).doesNotContain("warnings");
    }

    @Test
    void engineWarningsComeWithTheirPosition() {
        HttpResponse<String> r = server.get("/api/v1/query?" + form("query", "quantile(2, up)", "time", "1300"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).endsWith(",\"warnings\":[\"PromQL warning: quantile value should be between 0 and 1,"
                + " got 2 (1:10)\"]}");
    }

    @Test
    void statsAddTimingsAndSamples() {
        HttpResponse<String> r = server.get("/api/v1/query?" + form("query", "up", "time", "1300", "stats", "all"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).matches(".*\\],\"stats\":\\{\"timings\":\\{\"evalTotalTime\":[0-9.e-]+,\"resultSortTime\":0,"
                + "\"queryPreparationTime\":[0-9.e-]+,\"innerEvalTime\":[0-9.e-]+,\"execQueueTime\":0,"
                + "\"execTotalTime\":[0-9.e-]+},\"samples\":\\{\"totalQueryableSamples\":[0-9]+,\"peakSamples\":[0-9]+}}}}");
        assertThat(server.get("/api/v1/query?" + form("query", "up", "time", "1300")).body()).doesNotContain("stats");
    }

    @Test
    void defaultTimeIsNow() {
        long before = System.currentTimeMillis();
        HttpResponse<String> r = server.get("/api/v1/query?" + form("query", "1"));
        long after = System.currentTimeMillis();
        String seconds = r.body().replaceAll(".*\"result\":\\[([0-9.]+),.*", "$1");
        double t = Double.parseDouble(seconds) * 1000;
        assertThat(t).isBetween((double) before - 1, (double) after + 1);
    }

    @Test
    void largeMatrixIsStreamedAndStillWhole() {
        // 11,001 steps of two series: beyond what is built in memory before sending.
        HttpResponse<String> r = server.get("/api/v1/query_range?" + form("query", "up", "start", "1000", "end", "1110",
                "step", "0.01"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Transfer-Encoding")).contains("chunked");
        tools.jackson.databind.JsonNode result = new tools.jackson.databind.ObjectMapper().readTree(r.body())
                .get("data").get("result");
        assertThat(result.size()).isEqualTo(2);
        assertThat(result.get(0).get("values").size()).isEqualTo(11_001);
        assertThat(r.body()).contains("\"values\":[[1000,\"1\"],[1000.010,\"1\"],[1000.020,\"1\"],");
    }

    private static void assertOk(HttpResponse<String> r, String body) {
        assertThat(r.body()).isEqualTo(body);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("application/json");
    }
}
