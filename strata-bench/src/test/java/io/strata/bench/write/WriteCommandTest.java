package io.strata.bench.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.bench.BenchMain;
import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

class WriteCommandTest {
    @Test
    void buildsABackfillConfigFromFlags() {
        WriteConfig c = parse("--url", "http://127.0.0.1:7201/api/v1/write", "--hosts", "1000", "--hours", "1.5",
                "--interval", "15s", "--protocol", "2", "--end", "2025-06-01T00:00:00Z", "-H", "X-Scope-OrgID=t1", "--no-pregenerate");
        assertThat(c.isBackfill()).isTrue();
        assertThat(c.seriesCount()).isEqualTo(100_000);
        assertThat(c.backfill()).isEqualTo(Duration.ofMinutes(90));
        assertThat(c.steps()).isEqualTo(360);
        assertThat(c.plannedSamples()).isEqualTo(36_000_000);
        assertThat(c.protocol()).isEqualTo(Version.V2);
        assertThat(c.end()).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(c.headers()).isEqualTo(Map.of("X-Scope-OrgID", "t1"));
        assertThat(c.pregenerate()).isFalse();
        assertThat(c.connections()).isEqualTo(4);
        assertThat(c.batchSamples()).isEqualTo(10_000);
    }

    @Test
    void rejectsBadFlagsNamingFlagAndValue() {
        assertBad("exactly one of --hours", "--url", "http://h/w");
        assertBad("exactly one of --hours", "--url", "http://h/w", "--hours", "1", "--duration", "1m");
        assertBad("--protocol must be 1 or 2 [value=3]", "--url", "http://h/w", "--hours", "1", "--protocol", "3");
        assertBad("--hosts must be between 1", "--url", "http://h/w", "--hours", "1", "--hosts", "0");
        assertBad("--url must be an http(s) URL", "--url", "ftp://h/w", "--hours", "1");
        assertBad("--batch-samples must be between 1", "--url", "http://h/w", "--hours", "1", "--batch-samples", "0");
        assertBad("--end must be RFC 3339", "--url", "http://h/w", "--hours", "1", "--end", "yesterday");
        assertBad("--duration must be at least one --interval", "--url", "http://h/w", "--duration", "5s");
    }

    @Test
    void exitsWithUsageErrorOnBadFlags() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = new CommandLine(new BenchMain());
        cli.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        int code = cli.execute("write", "--url", "http://127.0.0.1:1/w", "--hours", "-1");
        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--hours must be more than 0").contains("Usage:");
    }

    @Test
    void writesTheSummaryAsJsonForScripts(@TempDir Path dir) throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver(n -> 204)) {
            Path json = dir.resolve("out/summary.json");
            int code = BenchMain.run("write", "--url", receiver.url().toString(), "--hosts", "2", "--hours", "0.05",
                    "--end", "1748779200", "--json", json.toString(), "--progress-interval", "1m");
            assertThat(code).isZero();
            JsonNode node = new ObjectMapper().readTree(Files.readString(json));
            assertThat(node.get("mode").asString()).isEqualTo("backfill");
            assertThat(node.get("samples").asLong()).isEqualTo(200 * 18);
            assertThat(node.get("complete").asBoolean()).isTrue();
            assertThat(node.get("lastTimestamp").asLong()).isEqualTo(1_748_779_200_000L);
            assertThat(node.get("latencyMillis").get("p99").asDouble()).isPositive();
            assertThat(node.get("errorsByStatus").isEmpty()).isTrue();
            assertThat(receiver.sampleCount()).isEqualTo(3_600);
        }
    }

    private static WriteConfig parse(String... args) {
        WriteCommand cmd = new WriteCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.config();
    }

    private static void assertBad(String message, String... args) {
        assertThatThrownBy(() -> parse(args)).hasMessageContaining(message);
    }
}
