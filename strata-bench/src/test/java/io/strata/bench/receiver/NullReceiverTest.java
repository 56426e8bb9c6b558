package io.strata.bench.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.airlift.compress.v3.snappy.SnappyCompressor;
import io.strata.bench.BenchMain;
import io.strata.ingest.remotewrite.RemoteWriteEncoder;
import io.strata.model.Labels;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NullReceiverTest {
    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void countsEverySampleTheGeneratorSends(int protocol, @TempDir Path dir) throws Exception {
        try (NullReceiver receiver = NullReceiver.start("127.0.0.1", 0, 1, true)) {
            Path json = dir.resolve("summary.json");
            int code = BenchMain.run("write", "--url", "http://127.0.0.1:" + receiver.port() + "/api/v1/write",
                    "--hosts", "3", "--hours", "0.0833334", "--end", "1748779200", "--protocol", Integer.toString(protocol),
                    "--batch-samples", "500", "--json", json.toString());

            // Remote write 2.0 counts as complete only when the receiver confirms the samples.
            assertThat(code).isZero();
            assertThat(receiver.samples()).isEqualTo(9_000);
            assertThat(Files.readString(json)).contains("\"samples\":9000").contains("\"complete\":true");
        }
    }

    @Test
    void countsSamplesOfBothProtocolsWithoutDecodingLabels() {
        for (RemoteWriteEncoder.Version version : RemoteWriteEncoder.Version.values()) {
            RemoteWriteEncoder e = new RemoteWriteEncoder(version);
            e.addSeries(Labels.of("__name__", "a"), new long[] {1, 2, 3}, new double[] {0, 1, 2}, 0, 3);
            e.addSeries(Labels.of("__name__", "b", "x", "y"), new long[] {1, 2, 3}, new double[] {0, 1, 2}, 1, 2);
            int n = e.finish();
            assertThat(SampleCounter.count(e.array(), n, version == RemoteWriteEncoder.Version.V2)).isEqualTo(5);
        }
    }

    @Test
    void answersMalformedBodiesWith400() throws Exception {
        try (NullReceiver receiver = NullReceiver.start("127.0.0.1", 0, 1, true);
                HttpClient client = HttpClient.newHttpClient()) {
            byte[] garbage = {0x0A, 0x7F, 0x01};
            SnappyCompressor snappy = SnappyCompressor.create();
            byte[] body = new byte[snappy.maxCompressedLength(garbage.length)];
            int n = snappy.compress(garbage, 0, garbage.length, body, 0, body.length);
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/api/v1/write"))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body, 0, n))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("runs past the end");
        }
    }
}
