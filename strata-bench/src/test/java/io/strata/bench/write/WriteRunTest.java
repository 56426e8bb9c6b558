package io.strata.bench.write;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.remotewrite.RemoteWriteEncoder.Version;
import io.strata.model.Labels;
import io.strata.testing.generate.NodeExporterDataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** End to end: the generator against a decoding receiver on 127.0.0.1. */
class WriteRunTest {
    private static final Instant END = Instant.parse("2025-06-01T12:00:00Z");

    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    @ParameterizedTest
    @EnumSource(Version.class)
    void backfillDeliversEverySampleOfEverySeriesInOrder(Version version) throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver(n -> 204)) {
            // 3 hosts x 100 series, 5 minutes at 10s: 30 samples per series, 9,000 in all; small
            // batches so that every connection sends several requests.
            WriteSummary summary = run(backfill(receiver.url(), 3, Duration.ofMinutes(5), version, true, 700));

            assertThat(receiver.failures).isEmpty();
            assertThat(receiver.sampleCount()).isEqualTo(9_000);
            assertThat(summary.samples()).isEqualTo(9_000);
            assertThat(summary.plannedSamples()).isEqualTo(9_000);
            assertThat(summary.complete()).isTrue();
            assertThat(summary.requests()).isEqualTo(receiver.requests.get()).isGreaterThan(4);
            assertThat(summary.latency().count()).isEqualTo(summary.requests());
            assertThat(summary.lastTimestamp()).isEqualTo(END.toEpochMilli());

            NodeExporterDataset dataset = new NodeExporterDataset(3, 1);
            assertThat(receiver.samples).hasSize(300);
            for (int s = 0; s < dataset.seriesCount(); s++) {
                List<WireDecoder.Sample> got = receiver.samples.get(dataset.labels(s));
                assertThat(got).as("samples of %s", dataset.labels(s)).hasSize(30);
                for (int i = 0; i < 30; i++) {
                    long t = END.toEpochMilli() - (29 - i) * 10_000L;
                    assertThat(got.get(i).timestamp()).isEqualTo(t);
                    assertThat(got.get(i).value()).isEqualTo(dataset.value(s, t));
                }
            }
            assertThat(receiver.headers).allSatisfy(h -> {
                assertThat(h.get("Content-Type")).isEqualTo(version.contentType());
                assertThat(h.get("Content-Encoding")).isEqualTo("snappy");
                assertThat(h.get("X-Prometheus-Remote-Write-Version")).isEqualTo(version.versionHeader());
            });
            assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("pregenerated").contains("9,000 samples");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            summary.print(new PrintStream(printed, true, StandardCharsets.UTF_8));
            // Surefire runs in a Turkish locale: numbers must still print with '.' decimals.
            assertThat(printed.toString(StandardCharsets.UTF_8))
                    .containsPattern("9,000 of 9,000 planned")
                    .containsPattern("\\d+\\.\\d requests/s")
                    .containsPattern("p50 \\d+\\.\\d ms")
                    .contains("errors      none");
        }
    }

    @Test
    void streamingBackfillSendsTheSameSamplesAsPregenerated() throws Exception {
        Map<Labels, List<WireDecoder.Sample>> pregenerated;
        try (RecordingReceiver receiver = new RecordingReceiver(n -> 200)) {
            run(backfill(receiver.url(), 2, Duration.ofMinutes(3), Version.V1, true, 1_000));
            pregenerated = new HashMap<>(receiver.samples);
        }
        try (RecordingReceiver receiver = new RecordingReceiver(n -> 200)) {
            WriteSummary summary = run(backfill(receiver.url(), 2, Duration.ofMinutes(3), Version.V1, false, 1_000));
            assertThat(summary.pregenerated()).isFalse();
            assertThat(receiver.samples).isEqualTo(pregenerated);
        }
    }

    @Test
    void retriesServerErrorsAndThrottlingUntilAccepted() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver(n -> n == 0 ? 503 : n == 1 ? 429 : 204)) {
            WriteSummary summary = run(backfill(receiver.url(), 1, Duration.ofMinutes(1), Version.V1, true, 10_000));

            assertThat(summary.samples()).isEqualTo(600);
            assertThat(receiver.sampleCount()).isEqualTo(600);
            assertThat(summary.retries()).isEqualTo(2);
            assertThat(summary.errorsByStatus()).containsExactlyInAnyOrderEntriesOf(Map.of("503", 1L, "429", 1L));
            assertThat(summary.complete()).isTrue();
        }
    }

    @Test
    void countsClientErrorsWithoutRetryingAndPrintsTheFirstBody() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver(n -> 400)) {
            WriteSummary summary = run(backfill(receiver.url(), 1, Duration.ofMinutes(1), Version.V1, true, 100));

            assertThat(summary.samples()).isZero();
            assertThat(summary.retries()).isZero();
            // 4 shards of 25 series, 6 steps, 100 samples per request: 4 steps then 2, so 8 requests.
            assertThat(summary.failedRequests()).isEqualTo(receiver.requests.get()).isEqualTo(8);
            assertThat(summary.failedSamples()).isEqualTo(600);
            assertThat(summary.errorsByStatus()).containsExactly(Map.entry("400", 8L));
            assertThat(summary.complete()).isFalse();
            assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("first error: 400: HTTP 400 rejected request");
        }
    }

    @Test
    void countsRemoteWrite2SamplesTheReceiverDoesNotConfirmAsUnconfirmed() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver(n -> 204, false)) {
            WriteSummary summary = run(backfill(receiver.url(), 1, Duration.ofMinutes(1), Version.V2, true, 10_000));

            assertThat(summary.samples()).isZero();
            assertThat(summary.unconfirmedSamples()).isEqualTo(600);
            assertThat(summary.complete()).isFalse();
            assertThat(errBytes.toString(StandardCharsets.UTF_8)).contains("without X-Prometheus-Remote-Write-Samples-Written");
        }
    }

    @Test
    void stopsAtMaxRequests() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver(n -> 204)) {
            WriteConfig c = backfill(receiver.url(), 2, Duration.ofMinutes(10), Version.V1, true, 100);
            WriteSummary summary = run(withMaxRequests(c, 5));

            assertThat(receiver.requests.get()).isEqualTo(5);
            assertThat(summary.stoppedByMaxRequests()).isTrue();
            assertThat(summary.complete()).isFalse();
        }
    }

    @Test
    void liveModeSendsOneSampleOfEverySeriesPerInterval() throws Exception {
        try (RecordingReceiver receiver = new RecordingReceiver(n -> 204)) {
            WriteConfig c = new WriteConfig(receiver.url(), 2, Duration.ofMillis(200), null, Duration.ofMillis(600), null, 3,
                    10_000, Version.V2, 1, true, 1_000, 3, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(10),
                    null, Map.of());
            WriteSummary summary = new WriteRun(c, InstantSource.system(), err).execute();

            assertThat(receiver.sampleCount()).isEqualTo(600);
            assertThat(receiver.samples).hasSize(200).allSatisfy((labels, samples) -> {
                assertThat(samples).hasSize(3);
                assertThat(samples.get(1).timestamp() - samples.get(0).timestamp()).isEqualTo(200);
                assertThat(samples.get(0).timestamp() % 200).isZero();
            });
            assertThat(summary.mode()).isEqualTo("live");
            assertThat(summary.targetSamplesPerSecond()).isEqualTo(1_000);
            assertThat(summary.pregenerated()).isFalse();
        }
    }

    private WriteSummary run(WriteConfig config) throws InterruptedException {
        return new WriteRun(config, InstantSource.fixed(END.plusSeconds(3)), err).execute();
    }

    private static WriteConfig backfill(URI url, int hosts, Duration span, Version version, boolean pregenerate, int batch) {
        return new WriteConfig(url, hosts, Duration.ofSeconds(10), span, null, END, 4, batch, version, 1, pregenerate,
                1_000, 3, Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(10), null, Map.of());
    }

    private static WriteConfig withMaxRequests(WriteConfig c, long maxRequests) {
        return new WriteConfig(c.url(), c.hosts(), c.interval(), c.backfill(), c.live(), c.end(), 1, c.batchSamples(),
                c.protocol(), c.seed(), c.pregenerate(), maxRequests, c.maxRetries(), c.timeout(), c.progressInterval(),
                c.maxSkew(), c.json(), c.headers());
    }
}
