package io.strata.server.api;

import static io.strata.server.TestServer.form;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.server.TestServer;
import io.strata.storage.Appender;
import io.strata.testing.InMemoryStorage;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The query limits of the configuration reach the engine, and their errors are 422 naming the flag. */
class QueryLimitsTest {
    private static TestServer server;

    @BeforeAll
    static void start() {
        InMemoryStorage storage = new InMemoryStorage();
        Appender app = storage.appender();
        for (long t = 0; t <= 600_000; t += 15_000) {
            app.append(0, Labels.of("__name__", "up", "instance", "a"), t, 1);
            app.append(0, Labels.of("__name__", "up", "instance", "b"), t, 1);
            app.append(0, Labels.of("__name__", "one"), t, 1);
        }
        app.commit();
        server = TestServer.start(storage, "query.max-series", "1", "query.max-samples", "20");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void moreSeriesThanAllowedIs422NamingTheFlag() {
        HttpResponse<String> r = server.get("/api/v1/query?" + form("query", "up", "time", "600"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).startsWith("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"")
                .contains("--query.max-series");
        assertThat(server.get("/api/v1/query?" + form("query", "one", "time", "600")).statusCode()).isEqualTo(200);
    }

    @Test
    void moreSamplesThanAllowedIs422NamingTheFlag() {
        HttpResponse<String> r = server.get("/api/v1/query_range?" + form("query", "one", "start", "0", "end", "600",
                "step", "15"));
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).startsWith("{\"status\":\"error\",\"errorType\":\"execution\",\"error\":\"query processing"
                + " would load too many samples into memory in query execution").contains("--query.max-samples");
    }
}
