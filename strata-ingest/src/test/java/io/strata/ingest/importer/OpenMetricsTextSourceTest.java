package io.strata.ingest.importer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenMetricsTextSourceTest {
    @TempDir
    Path dir;

    @Test
    void readsFamiliesWithEscapesSpecialValuesAndFractionalSeconds() throws IOException {
        Map<Labels, List<String>> got = read("""
                # HELP http_requests Requests.
                # TYPE http_requests counter
                # UNIT http_requests requests
                http_requests_total{code="200",path="/a\\"b\\\\c\\nd"} 10 1700000000.123
                http_requests_total{code="200",path="/a\\"b\\\\c\\nd"} 11 1700000001
                http_requests_created{code="200",path="/a\\"b\\\\c\\nd"} 1699999000 1700000000
                # TYPE temp gauge
                temp NaN 1700000000 # {trace_id="x"} 1 1700000000
                temp +Inf 1700000001.5
                temp -Inf 1700000002
                {"dotted.name", "a.b"="c"} 1e3 1700000000
                # EOF
                """, OpenMetricsTextSource.Dialect.OPENMETRICS);
        assertThat(got).containsOnlyKeys(
                Labels.of("__name__", "http_requests_total", "code", "200", "path", "/a\"b\\c\nd"),
                Labels.of("__name__", "temp"),
                Labels.of("__name__", "dotted.name", "a.b", "c"));
        assertThat(got.get(Labels.of("__name__", "http_requests_total", "code", "200", "path", "/a\"b\\c\nd")))
                .containsExactly("1700000000123=10.0", "1700000001000=11.0");
        assertThat(got.get(Labels.of("__name__", "temp")))
                .containsExactly("1700000000000=NaN", "1700000001500=Infinity", "1700000002000=-Infinity");
        assertThat(got.get(Labels.of("__name__", "dotted.name", "a.b", "c"))).containsExactly("1700000000000=1000.0");
    }

    @Test
    void histogramsAndSummariesBecomeClassicSeriesWithCanonicalBounds() throws IOException {
        Map<Labels, List<String>> got = read("""
                # TYPE lat histogram
                lat_bucket{le="1"} 2 1700000000
                lat_bucket{le="2.50"} 3 1700000000
                lat_bucket{le="+Inf"} 4 1700000000
                lat_count 4 1700000000
                lat_sum 5.5 1700000000
                lat_created 1690000000 1700000000
                # TYPE rpc summary
                rpc{quantile="0.5"} 1 1700000000
                rpc{quantile="1e-05"} 2 1700000000
                # EOF
                """, OpenMetricsTextSource.Dialect.OPENMETRICS);
        assertThat(got.keySet()).containsExactlyInAnyOrder(
                Labels.of("__name__", "lat_bucket", "le", "1.0"),
                Labels.of("__name__", "lat_bucket", "le", "2.5"),
                Labels.of("__name__", "lat_bucket", "le", "+Inf"),
                Labels.of("__name__", "lat_count"),
                Labels.of("__name__", "lat_sum"),
                Labels.of("__name__", "rpc", "quantile", "0.5"),
                Labels.of("__name__", "rpc", "quantile", "1e-05"));
    }

    @Test
    void prometheusTextTakesMillisecondsAndNeedsNoEof() throws IOException {
        Map<Labels, List<String>> got = read("""
                # HELP up Up.
                # TYPE up gauge
                up{job="a"} 1 1700000000123
                up{job="a"}  0  1700000060000
                """, OpenMetricsTextSource.Dialect.PROMETHEUS_TEXT);
        assertThat(got.get(Labels.of("__name__", "up", "job", "a")))
                .containsExactly("1700000000123=1.0", "1700000060000=0.0");
    }

    @Test
    void readsGzipAndSplitsLongSeriesIntoBoundedPieces() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++) {
            text.append("c_total ").append(i).append(' ').append(1_700_000_000 + i).append('\n');
        }
        text.append("# EOF\n");
        Path gz = dir.resolve("big.om.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
        }
        try (OpenMetricsTextSource source = new OpenMetricsTextSource(gz)) {
            assertThat(source.describe()).startsWith("big.om.gz (");
            CollectingSink sink = CollectingSink.drain(source);
            assertThat(sink.samples.get(Labels.of("__name__", "c_total"))).hasSize(3000).startsWith("1700000000000=0.0");
            assertThat(sink.pieces).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "up 1|x.om:2: sample of up{} has no timestamp",
        "up 1 # {a=\"b\"} 1|x.om:2: sample of up{} has no timestamp",
        "up{a=\"b} 1 1|x.om:2: unterminated quoted string starting at column 6",
        "up{a=\"b\",a=\"c\"} 1 1|x.om:2: duplicate label name a",
        "up one 1|x.om:2: invalid value \"one\" is not a number",
        "up 1 1700000000000|x.om:2: timestamp 1700000000000 in seconds is after the year 5000",
        "up 1 soon|x.om:2: invalid timestamp \"soon\": expected seconds",
        "up 1 1 extra|x.om:2: unexpected text after the timestamp at column 8",
        "9up 1 1|x.om:2: invalid character '9' at column 1: expected a metric name",
    })
    void rejectsBadLinesNamingFileAndLine(String line, String message) throws IOException {
        Path file = dir.resolve("x.om");
        Files.writeString(file, "# TYPE up gauge\n" + line + "\n# EOF\n");
        try (OpenMetricsTextSource source = new OpenMetricsTextSource(file)) {
            assertThatThrownBy(() -> CollectingSink.drain(source))
                    .isInstanceOf(ImportFormatException.class)
                    .hasMessageStartingWith(message);
        }
    }

    @Test
    void openMetricsWithoutEofIsReportedAsTruncated() throws IOException {
        Path file = dir.resolve("cut.om");
        Files.writeString(file, "up 1 1\nup 1 2\n");
        try (OpenMetricsTextSource source = new OpenMetricsTextSource(file)) {
            assertThatThrownBy(() -> CollectingSink.drain(source))
                    .hasMessageStartingWith("cut.om:2: the file ends without '# EOF': it may be truncated");
        }
        Files.writeString(file, "up 1 1\n# EOF\nup 1 2\n");
        try (OpenMetricsTextSource source = new OpenMetricsTextSource(file)) {
            assertThatThrownBy(() -> CollectingSink.drain(source)).hasMessage("cut.om:3: data after '# EOF'");
        }
    }

    private Map<Labels, List<String>> read(String text, OpenMetricsTextSource.Dialect dialect) throws IOException {
        Path file = dir.resolve("in.txt");
        Files.writeString(file, text);
        try (OpenMetricsTextSource source = new OpenMetricsTextSource(file, dialect)) {
            return CollectingSink.drain(source).samples;
        }
    }
}
