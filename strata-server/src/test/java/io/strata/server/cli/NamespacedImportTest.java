package io.strata.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.server.StrataServer;
import io.strata.server.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code strata import} with namespaces and rules: history older than any out-of-order window,
 * delivered in pieces out of time order, lands as aggregated windows and rollups in the aggregated
 * namespaces, where the server then answers from it.
 */
class NamespacedImportTest {
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;
    private static final long BASE = (System.currentTimeMillis() - 10 * 24 * HOUR) / HOUR * HOUR;
    private static final String CONFIG = """
            http:
              listenAddress: 127.0.0.1
              port: 0
            storage:
              dataDir: %s
            namespaces:
              - policy: raw:2d
              - policy: 1m:30d
              - policy: 1h:1y
            rules:
              rollup:
                - name: by-job
                  match: '{__name__="requests_total"}'
                  metricName: job:requests_total
                  groupBy: [job]
                  type: counter
                  namespaces: [1m, 1h]
              drop:
                - name: history-only-aggregated
                  match: '{__name__="requests_total"}'
                  namespaces: [raw]
            """;

    @TempDir
    Path dir;

    /** One JSON line of {@code instance}'s counter (rate {@code perSecond}) over [from, to). */
    private static String line(String instance, double perSecond, long from, long to) {
        StringBuilder values = new StringBuilder();
        StringBuilder times = new StringBuilder();
        for (long t = from; t < to; t += 15_000) {
            values.append(values.isEmpty() ? "" : ",").append(perSecond * (t - BASE) / 1000);
            times.append(times.isEmpty() ? "" : ",").append(t);
        }
        return "{\"metric\":{\"__name__\":\"requests_total\",\"instance\":\"" + instance + "\",\"job\":\"api\"},\"values\":["
                + values + "],\"timestamps\":[" + times + "]}\n";
    }

    @Test
    void importedHistoryIsAggregatedIntoTheNamespacesTheRulesName() throws Exception {
        Path config = dir.resolve("strata.yaml");
        Files.writeString(config, CONFIG.formatted(dir.resolve("data")));
        Path export = dir.resolve("export.jsonl");
        // Later halves first: the import must put each series back in order before cutting windows.
        Files.writeString(export, line("a", 1, BASE + 3 * HOUR, BASE + 6 * HOUR) + line("b", 2, BASE + 3 * HOUR, BASE + 6 * HOUR)
                + line("a", 1, BASE, BASE + 3 * HOUR) + line("b", 2, BASE, BASE + 3 * HOUR));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = StrataMain.run(new PrintWriter(out, true), new PrintWriter(err, true), c -> {
            throw new AssertionError("the import must not open a server's storage");
        }, "import", "--config", config.toString(), export.toString());
        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("2 series routed", "1m: ", "1h: ");
        assertThat(Files.list(dir.resolve("data")).map(p -> p.getFileName().toString()))
                .as("the staging directory is gone").noneMatch(n -> n.startsWith("import-staging-"));

        StrataServer server = StrataServer.start(ConfigLoader.load(config, null, Map.of()).config(), StorageOpeners.tsdb());
        try {
            long at = BASE + 4 * HOUR;
            assertThat(query(server, "1m", "sum(rate(requests_total[10m]))", at)).isCloseTo(3.0, within1Percent());
            assertThat(query(server, "1m", "rate(job:requests_total[10m])", at)).isCloseTo(3.0, within1Percent());
            assertThat(query(server, "1h", "rate(job:requests_total[3h])", at)).isCloseTo(3.0, within1Percent());
            assertThat(query(server, null, "count(requests_total)", at)).as("10 days ago: the 1m namespace serves it")
                    .isEqualTo(2.0);
            HttpResponse<String> series = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + server.port() + "/api/v1/series?match[]=requests_total&start=" + BASE / 1000
                            + "&end=" + at / 1000)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(series.body()).as("no raw copy (dropped): the series API reads the namespace a query reads")
                    .contains("\"instance\":\"a\"", "\"instance\":\"b\"");
        } finally {
            server.close();
        }
    }

    private static org.assertj.core.data.Percentage within1Percent() {
        return org.assertj.core.data.Percentage.withPercentage(1);
    }

    private static double query(StrataServer server, String namespace, String q, long at) throws Exception {
        String uri = "http://127.0.0.1:" + server.port() + "/api/v1/query?time=" + at / 1000.0 + "&query="
                + URLEncoder.encode(q, StandardCharsets.UTF_8) + (namespace == null ? "" : "&namespace=" + namespace);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(uri)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher m = Pattern.compile("\"value\":\\[[0-9.]+,\"([^\"]+)\"\\]").matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
