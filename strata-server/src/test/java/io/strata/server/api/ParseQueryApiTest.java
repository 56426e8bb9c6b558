package io.strata.server.api;

import static io.strata.server.TestServer.form;
import static io.strata.server.api.ReadApiTest.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.server.TestServer;
import io.strata.testing.InMemoryStorage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/parse_query} through the server and the real parser. */
class ParseQueryApiTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(new InMemoryStorage(), "enable-feature", "promql-experimental-functions");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void treeOfAnAggregatedRateByGetAndPost() {
        String query = "sum by (job) (rate(http_requests_total{code=\"500\"}[5m] offset 1m))";
        String expected = "{\"status\":\"success\",\"data\":{\"expr\":{\"args\":[{\"anchored\":false,\"matchers\":["
                + "{\"name\":\"code\",\"type\":\"=\",\"value\":\"500\"},"
                + "{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"http_requests_total\"}],"
                + "\"name\":\"http_requests_total\",\"offset\":60000,\"range\":300000,\"smoothed\":false,"
                + "\"startOrEnd\":null,\"timestamp\":null,\"type\":\"matrixSelector\"}],"
                + "\"func\":{\"argTypes\":[\"matrix\"],\"name\":\"rate\",\"returnType\":\"vector\",\"variadic\":0},"
                + "\"type\":\"call\"},\"grouping\":[\"job\"],\"op\":\"sum\",\"param\":null,\"type\":\"aggregation\","
                + "\"without\":false}}";
        HttpResponse<String> get = server.get("/api/v1/parse_query?" + form("query", query));
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).isEqualTo(expected);
        assertThat(server.postForm("/api/v1/parse_query", "query", query).body()).isEqualTo(expected);
    }

    @Test
    void numbersAndAtModifiers() {
        HttpResponse<String> r = server.get("/api/v1/parse_query?" + form("query", "-1.5e-7 * up @ 100.5"));
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":{\"bool\":false,"
                + "\"lhs\":{\"type\":\"numberLiteral\",\"val\":\"-0.00000015\"},\"matching\":null,\"op\":\"*\","
                + "\"rhs\":{\"anchored\":false,\"matchers\":[{\"name\":\"__name__\",\"type\":\"=\",\"value\":\"up\"}],"
                + "\"name\":\"up\",\"offset\":0,\"smoothed\":false,\"startOrEnd\":null,\"timestamp\":100500,"
                + "\"type\":\"vectorSelector\"},\"type\":\"binaryExpr\"}}");
    }

    @Test
    void experimentalSyntaxFollowsTheEnabledFeatures() {
        assertThat(server.get("/api/v1/parse_query?" + form("query", "limitk(1, up)")).statusCode()).isEqualTo(200);
    }

    @Test
    void formatQueryPrettifiesAsPrometheus() {
        HttpResponse<String> r = server.postForm("/api/v1/format_query", "query", "SUM BY(job)(rate(foo{b=\"x\",a=\"y\"}[300s]))");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"status\":\"success\",\"data\":\"sum by (job) (rate(foo{a=\\\"y\\\",b=\\\"x\\\"}[5m]))\"}");
        String longQuery = "sum by (instance) (rate(node_network_receive_bytes_total{device!~\"lo|veth.*\",job=\"node\"}[5m]))"
                + " / on (instance) group_left () node_load1";
        HttpResponse<String> split = server.get("/api/v1/format_query?" + form("query", longQuery));
        // Over 100 bytes: operands indented a level, the operator on its own line.
        assertThat(split.body()).isEqualTo("{\"status\":\"success\",\"data\":\""
                + "  sum by (instance) (rate(node_network_receive_bytes_total{device!~\\\"lo|veth.*\\\",job=\\\"node\\\"}[5m]))\\n"
                + "/ on (instance) group_left ()\\n"
                + "  node_load1\"}");
        assertError(server.get("/api/v1/format_query?" + form("query", "up{")), 400, "bad_data",
                "invalid parameter \\\"query\\\": 1:4: parse error: unexpected end of input inside braces");
    }

    @Test
    void queryThatDoesNotParseNamesTheParameter() {
        assertError(server.get("/api/v1/parse_query?" + form("query", "sum(")), 400, "bad_data",
                "invalid parameter \\\"query\\\": 1:5: parse error: unclosed left parenthesis");
        assertError(server.get("/api/v1/parse_query"), 400, "bad_data",
                "invalid parameter \\\"query\\\": 1:1: parse error: no expression found in input");
    }
}
