package io.strata.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.server.ingest.PromWire;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of a real server with aggregation windows open: after the restart every window of the
 * 1m namespace is there exactly once and complete, including the one open at the kill, and the
 * downsampled counter keeps its increase across a reset.
 */
class KillDuringAggregationTest {
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long STEP = 10 * SECOND;
    private static final String CONFIG = """
            namespaces:
              - policy: raw:2d
              - policy: 1m:30d
                lateness: 15s
            rules:
              mapping:
                - name: gauge-windows
                  match: '{__name__="agg_kill"}'
                  aggregations: [count, sum]
                  namespaces: [1m]
                - name: counter
                  match: '{__name__="agg_kill_total"}'
                  namespaces: [1m]
            """;

    @TempDir
    Path dir;

    /** The counter: one per second, reset to zero at minute 5. */
    private static double counter(long t, long base) {
        long s = (t - base) / SECOND;
        return s < 5 * 60 ? s : s - 5 * 60;
    }

    private static void write(StrataChild server, long base, long from, long to) throws Exception {
        for (long t = from; t < to; t += STEP) {
            HttpResponse<byte[]> r = server.sendForBytes(PromWire.write(server.uri("/api/v1/write"),
                    PromWire.series(new String[] {"__name__", "agg_kill", "job", "e2e"}, t, (t - base) / (double) SECOND),
                    PromWire.series(new String[] {"__name__", "agg_kill_total", "job", "e2e"}, t, counter(t, base))));
            assertThat(r.statusCode()).isEqualTo(204);
        }
    }

    @Test
    void windowsOpenAtAKillAreCompletedAfterTheRestartAndNoneIsWrittenTwice() throws Exception {
        Path config = dir.resolve("strata.yaml");
        Files.writeString(config, CONFIG);
        Path data = dir.resolve("data");
        long base = (System.currentTimeMillis() - 40 * MINUTE) / MINUTE * MINUTE;
        long crash = base + 12 * MINUTE + 20 * SECOND; // three samples into the window [12m, 13m)
        try (StrataChild first = StrataChild.startReady(data, dir.resolve("first.log"), "--config", config.toString())) {
            write(first, base, base, crash + STEP);
            first.kill();
        }
        try (StrataChild second = StrataChild.startReady(data, dir.resolve("second.log"), "--config", config.toString())) {
            write(second, base, crash + STEP, base + 24 * MINUTE);
            long at = base + 20 * MINUTE;
            List<double[]> counts = range(second, "agg_kill:count", at);
            List<double[]> sums = range(second, "agg_kill:sum", at);
            assertThat(counts).as("one window a minute, none lost, none twice").hasSize(20);
            for (int k = 0; k < 20; k++) {
                long end = base + (k + 1) * MINUTE;
                assertThat((long) (counts.get(k)[0] * 1000)).isEqualTo(end);
                assertThat(counts.get(k)[1]).as("samples in window %d", k).isEqualTo(6);
                double expected = 0;
                for (long t = end - MINUTE; t < end; t += STEP) {
                    expected += (t - base) / (double) SECOND;
                }
                assertThat(sums.get(k)[1]).as("sum of window %d", k).isEqualTo(expected);
            }
            List<double[]> totals = range(second, "agg_kill_total", at);
            assertThat(totals).hasSize(20);
            double last = totals.get(19)[1];
            double first = totals.get(0)[1];
            // Prometheus's increase over the raw samples from the first window's (50 s) to the last one's
            // (19m50s): 50 -> 290, the reset to 0 at 5m counts its new value (0), then 0 -> 890
            assertThat(last - first).isEqualTo((290 - 50) + (1190 - 300));
            String log = second.logText();
            assertThat(log).contains("rebuilt the aggregation windows");
        }
    }

    /** The samples of {@code metric} from the 1m namespace in the 20 minutes before {@code at}. */
    private static List<double[]> range(StrataChild server, String metric, long at) {
        HttpResponse<String> r = server.get("/api/v1/query?namespace=1m&time=" + at / 1000.0 + "&query="
                + URLEncoder.encode(metric + "[20m]", StandardCharsets.UTF_8));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<double[]> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\[([0-9.]+),\"([^\"]+)\"\\]").matcher(r.body());
        while (m.find()) {
            out.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return out;
    }
}
