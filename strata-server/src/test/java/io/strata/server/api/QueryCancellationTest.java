package io.strata.server.api;

import static io.strata.server.TestServer.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.strata.server.TestServer;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Long queries stop when their client goes away or their time is up. The store produces one
 * series every 200µs for 200,000 series: left alone a query over it would run at least 40s and
 * then fail on the series limit; these tests see it stop within a fraction of that.
 */
class QueryCancellationTest {
    private static final int SERIES = 200_000;
    private static final Pattern CANCELED_COUNT = Pattern.compile(
            "strata_http_requests_total\\{code=\"499\",handler=\"/api/v1/query\"} ([0-9.]+)");

    private SlowSeriesStorage storage;
    private TestServer server;

    @BeforeEach
    void start() {
        storage = new SlowSeriesStorage(SERIES, 200_000);
        server = TestServer.start(storage, "query.max-series", Integer.toString(SERIES - 1), "query.timeout", "10m");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void clientThatDisconnectsCancelsItsQuery() throws Exception {
        try (Socket client = new Socket("127.0.0.1", server.port())) {
            OutputStream out = client.getOutputStream();
            out.write(("GET /api/v1/query?" + form("query", "count(slow)", "time", "1000") + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            await().atMost(Duration.ofSeconds(30)).until(() -> storage.produced() >= 1_000);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> canceledQueries() == 1);
        long producedWhenCanceled = storage.produced();
        assertThat(producedWhenCanceled).isLessThan(SERIES / 2);
        // The server is free for the next client.
        assertThat(server.get("/api/v1/query?" + form("query", "1+1", "time", "4")).statusCode()).isEqualTo(200);
    }

    @Test
    void timeoutParameterStopsTheQueryWith503() {
        HttpResponse<String> r = server.get("/api/v1/query?" + form("query", "count(slow)", "time", "1000",
                "timeout", "300ms"));
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).startsWith("{\"status\":\"error\",\"errorType\":\"timeout\",\"error\":\"query timed out in ");
        assertThat(storage.produced()).isLessThan(SERIES / 2);
    }

    private long canceledQueries() {
        Matcher m = CANCELED_COUNT.matcher(server.get("/metrics").body());
        return m.find() ? (long) Double.parseDouble(m.group(1)) : 0;
    }
}
