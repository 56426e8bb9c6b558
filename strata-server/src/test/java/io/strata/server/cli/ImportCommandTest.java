package io.strata.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.server.TestServer;
import io.strata.storage.Appender;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import io.strata.tsdb.Tsdb;
import io.strata.tsdb.TsdbOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code strata import} end to end: files or remote read in, a data directory a TSDB opens out. */
class ImportCommandTest {
    private static final long HOUR = 3_600_000L;
    /** Two days ago, far behind any out-of-order window, on a whole second. */
    private static final long T0 = (System.currentTimeMillis() - 48 * HOUR) / 1000 * 1000;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        return StrataMain.run(new PrintWriter(out, true), new PrintWriter(err, true), config -> {
            throw new AssertionError("the import must not open a server's storage");
        }, args);
    }

    @Test
    void importsOpenMetricsAndVictoriaMetricsFilesIntoBlocksTheTsdbReads() throws IOException {
        Path data = dir.resolve("data");
        Path om = dir.resolve("node.om");
        StringBuilder text = new StringBuilder("# TYPE cpu_seconds counter\n");
        for (int i = 0; i < 500; i++) {
            text.append("cpu_seconds_total{cpu=\"0\"} ").append(i).append(' ').append((T0 + i * 60_000L) / 1000).append('\n');
        }
        text.append("# EOF\n");
        Files.writeString(om, text);
        Path vm = dir.resolve("export.jsonl");
        Files.writeString(vm, "{\"metric\":{\"__name__\":\"up\",\"job\":\"vm\"},\"values\":[1,0],\"timestamps\":["
                + T0 + "," + (T0 + 15_000) + "]}\n");

        assertThat(run("import", "--data-dir", data.toString(), om.toString(), vm.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).startsWith("imported 502 samples of 2 series into ").contains("502 samples in ");
        assertThat(err.toString()).as("plain progress lines only, no errors").doesNotContain("strata import:");
        Map<Labels, List<String>> read = readAll(data);
        assertThat(read).containsOnlyKeys(Labels.of("__name__", "cpu_seconds_total", "cpu", "0"), Labels.of("__name__", "up", "job", "vm"));
        assertThat(read.get(Labels.of("__name__", "cpu_seconds_total", "cpu", "0"))).hasSize(500)
                .startsWith(T0 + "=0.0").endsWith((T0 + 499 * 60_000L) + "=499.0");
        assertThat(read.get(Labels.of("__name__", "up", "job", "vm"))).containsExactly(T0 + "=1.0", (T0 + 15_000) + "=0.0");
    }

    @Test
    void refusesADataDirectoryARunningServerHolds() throws IOException {
        Path data = dir.resolve("data");
        Path om = dir.resolve("a.om");
        Files.writeString(om, "up 1 " + T0 / 1000 + "\n# EOF\n");
        try (Tsdb running = Tsdb.open(TsdbOptions.builder().dataDir(data).backgroundWork(false).build())) {
            assertThat(run("import", "--data-dir", data.toString(), om.toString())).isEqualTo(1);
        }
        assertThat(err.toString().strip()).startsWith("strata import: the data directory ")
                .contains("stop the server before importing").doesNotContain("\n");
    }

    @Test
    void badInputFailsWithOneLineNamingFileAndLineAndPublishesNothing() throws IOException {
        Path data = dir.resolve("data");
        Path good = dir.resolve("good.om");
        Files.writeString(good, "up 1 " + T0 / 1000 + "\n# EOF\n");
        Path bad = dir.resolve("bad.om");
        Files.writeString(bad, "# TYPE up gauge\nup{job=\"x\"} 1\n# EOF\n");

        assertThat(run("import", "--data-dir", data.toString(), "--max-buffered-samples", "1", good.toString(), bad.toString()))
                .isEqualTo(1);

        assertThat(err.toString()).isEqualTo("strata import: bad.om:2: sample of up{job=\"x\"} has no timestamp;"
                + " an import needs a time on every sample\n");
        try (Stream<Path> blocks = Files.list(data.resolve("blocks"))) {
            assertThat(blocks).isEmpty();
        }
    }

    @Test
    void usageErrorsExitWithTwo() throws IOException {
        Path odd = dir.resolve("data.csv");
        Files.writeString(odd, "x");
        assertThat(run("import", "--data-dir", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nothing to import");
        assertThat(run("import", "--data-dir", dir.toString(), odd.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("cannot tell the format of").contains("--format");
        assertThat(run("import", "--from-prometheus", "http://127.0.0.1:1", "--start", "yesterday", "--end", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid --start \"yesterday\": expected RFC 3339");
        assertThat(run("import", "--from-prometheus", "ftp://x", "--start", "0", "--end", "1")).isEqualTo(2);
        assertThat(err.toString()).contains("--from-prometheus: invalid URL \"ftp://x\"");
        assertThat(run("import", "--from-prometheus", "http://x", "--start", "0", "--end", "1", "--match", "up{")).isEqualTo(2);
        assertThat(err.toString()).contains("invalid --match \"up{\"");
    }

    @Test
    void importsFromARunningServerThroughRemoteReadInSlices() throws IOException {
        Path source = dir.resolve("source");
        Map<Labels, List<String>> expected = new TreeMap<>();
        long end = T0 + 5 * HOUR;
        try (Tsdb db = Tsdb.open(TsdbOptions.builder().dataDir(source).backgroundWork(false).build())) {
            Appender app = db.appender();
            for (int s = 0; s < 3; s++) {
                Labels labels = Labels.of("__name__", "load", "host", "h" + s);
                List<String> samples = new ArrayList<>();
                for (long t = T0; t <= end; t += 5 * 60_000L) {
                    app.append(0, labels, t, s + t % 7);
                    samples.add(t + "=" + (double) (s + t % 7));
                }
                expected.put(labels, samples);
            }
            app.commit();
            try (TestServer server = TestServer.start(db)) {
                Path data = dir.resolve("data");
                String url = "http://127.0.0.1:" + server.port();
                // RFC 3339 start, Unix-seconds end, 1h slices: several requests whose edges samples fall on.
                String start = java.time.Instant.ofEpochMilli(T0).toString();
                assertThat(run("import", "--data-dir", data.toString(), "--from-prometheus", url, "--start", start,
                        "--end", Long.toString(end / 1000), "--slice", "1h", "--match", "load{host=~\"h.*\"}"))
                        .as(err.toString()).isZero();
                assertThat(readAll(data)).isEqualTo(expected);

                assertThat(run("import", "--data-dir", data.toString(), "--from-prometheus", url + "/no/such/path",
                        "--start", "0", "--end", "1")).isEqualTo(1);
                assertThat(err.toString()).contains("strata import: remote read from " + url + "/no/such/path failed: HTTP 404");
            }
        }
    }

    private static Map<Labels, List<String>> readAll(Path data) {
        Map<Labels, List<String>> out = new TreeMap<>();
        try (Tsdb db = Tsdb.open(TsdbOptions.builder().dataDir(data).backgroundWork(false).build());
                Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, SelectHints.range(Long.MIN_VALUE, Long.MAX_VALUE), List.of(Matcher.regex("__name__", ".+")));
            while (set.next()) {
                List<String> samples = new ArrayList<>();
                SampleCursor c = set.at().cursor(null);
                while (c.next() == SampleCursor.FLOAT) {
                    samples.add(c.timestamp() + "=" + c.value());
                }
                out.put(set.at().labels(), samples);
            }
        }
        return out;
    }
}
