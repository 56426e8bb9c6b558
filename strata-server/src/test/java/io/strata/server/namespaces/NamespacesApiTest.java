package io.strata.server.namespaces;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.server.StrataServer;
import io.strata.server.cli.StorageOpeners;
import io.strata.server.config.ConfigLoader;
import io.strata.server.ingest.PromWire;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Namespaces through the HTTP API of a real server: listing, routing a query by its range, pinning,
 * the response's header and stats, reloads that change namespaces and reloads that are refused.
 */
class NamespacesApiTest {
    private static final long MINUTE = 60_000;
    private static final String CONFIG = """
            http:
              listenAddress: 127.0.0.1
              port: 0
            storage:
              dataDir: %s
            namespaces:
              - policy: raw:2d
              - policy: 1m:30d
                lateness: 10s
              - policy: 1h:1y
            rules:
              rollup:
                - name: requests-by-job
                  match: '{__name__="requests_total"}'
                  metricName: job:requests_total
                  groupBy: [job]
                  type: counter
                  namespaces: [1m]
            """;

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();
    private StrataServer server;
    private Path file;

    private void start() {
        server = StrataServer.start(ConfigLoader.load(file, null, Map.of()).config(), StorageOpeners.tsdb());
        server.reloader().file(file);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(pathAndQuery)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Two counters of one job, every 15 s for the 40 minutes before {@code end}. */
    private void writeCounters(long end) throws Exception {
        for (long t = end - 40 * MINUTE; t <= end; t += 15_000) {
            double secs = (t - (end - 40 * MINUTE)) / 1000.0;
            HttpResponse<String> r = client.send(PromWire.write(uri("/api/v1/write"),
                    PromWire.series(new String[] {"__name__", "requests_total", "instance", "a", "job", "api"}, t, secs),
                    PromWire.series(new String[] {"__name__", "requests_total", "instance", "b", "job", "api"}, t, 2 * secs)),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
        }
    }

    @Test
    void listsQueriesPinsAndReloadsNamespaces() throws Exception {
        file = dir.resolve("strata.yaml");
        Files.writeString(file, CONFIG.formatted(dir.resolve("data")));
        start();
        HttpResponse<String> list = get("/api/v1/namespaces");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("\"name\":\"raw\"", "\"policy\":\"raw:2d\"", "\"name\":\"1m\"",
                "\"policy\":\"1m:30d\"", "\"lateness\":\"10s\"", "\"name\":\"1h\"", "\"directory\":\"namespaces/1h\"");

        long now = System.currentTimeMillis();
        writeCounters(now);
        String rate = enc("sum(rate(requests_total[10m]))");
        HttpResponse<String> recent = get("/api/v1/query?stats=all&query=" + rate + "&time=" + now / 1000.0);
        assertThat(recent.headers().firstValue("Strata-Namespaces")).hasValue("raw");
        assertThat(recent.body()).contains("\"namespaces\":[\"raw\"]", "\"value\":[");

        HttpResponse<String> pinned = get("/api/v1/query?stats=all&namespace=1m&query=" + rate + "&time=" + now / 1000.0);
        assertThat(pinned.statusCode()).as(pinned.body()).isEqualTo(200);
        assertThat(pinned.headers().firstValue("Strata-Namespaces")).hasValue("1m,raw");
        assertThat(pinned.body()).contains("\"namespaces\":[\"1m\",\"raw\"]");
        assertThat(value(pinned.body())).isCloseTo(value(recent.body()), org.assertj.core.data.Percentage.withPercentage(1));

        HttpResponse<String> rollup = get("/api/v1/query?namespace=1m&query=" + enc("rate(job:requests_total[10m])")
                + "&time=" + (now - 5 * MINUTE) / 1000.0);
        assertThat(value(rollup.body())).as(rollup.body()).isCloseTo(3.0, org.assertj.core.data.Percentage.withPercentage(1));

        HttpResponse<String> old = get("/api/v1/query?query=" + rate + "&time=" + (now - 10L * 24 * 3600_000) / 1000.0);
        assertThat(old.headers().firstValue("Strata-Namespaces")).as("older than raw's 2d").hasValue("1m,raw");

        HttpResponse<String> unknown = get("/api/v1/query?namespace=5m&query=" + rate);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown namespace \\\"5m\\\"; namespaces are raw, 1m, 1h");

        Files.writeString(file, CONFIG.formatted(dir.resolve("data")).replace("  - policy: 1h:1y\n",
                "  - policy: 1h:1y\n  - policy: 5m:60d\n"));
        HttpResponse<String> reloaded = post("/-/reload");
        assertThat(reloaded.statusCode()).as(reloaded.body()).isEqualTo(200);
        assertThat(reloaded.body()).contains("added 5m (5m:60d)");
        assertThat(get("/api/v1/namespaces").body()).contains("\"name\":\"5m\"");
        assertThat(Files.isDirectory(dir.resolve("data/namespaces/5m"))).isTrue();

        Files.writeString(file, CONFIG.formatted(dir.resolve("data")).replace("policy: 1m:30d", "policy: '1m:'"));
        HttpResponse<String> broken = post("/-/reload");
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(broken.body()).contains(file + ":8: namespaces[1].policy: invalid storage policy \"1m:\"");
        assertThat(get("/api/v1/namespaces").body()).as("the running configuration stays").contains("\"name\":\"5m\"");

        Files.writeString(file, CONFIG.formatted(dir.resolve("data")).replace("  - policy: 1m:30d", "  - name: 1m\n    policy: 2m:30d"));
        HttpResponse<String> resolution = post("/-/reload");
        assertThat(resolution.statusCode()).isEqualTo(400);
        assertThat(resolution.body()).contains("namespace 1m cannot change its resolution");
    }

    private static double value(String body) {
        int at = body.indexOf("\"value\":[");
        assertThat(at).as(body).isPositive();
        int quote = body.indexOf('"', body.indexOf(',', at) + 1);
        return Double.parseDouble(body.substring(quote + 1, body.indexOf('"', quote + 1)));
    }
}
