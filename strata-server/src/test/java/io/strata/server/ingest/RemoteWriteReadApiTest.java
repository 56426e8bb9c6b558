package io.strata.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.server.TestServer;
import io.strata.testing.InMemoryStorage;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RemoteWriteReadApiTest {
    private static final String[] UP_A = {"__name__", "up", "job", "a"};

    private final InMemoryStorage storage = new InMemoryStorage();
    private TestServer server;

    @BeforeEach
    void start() {
        server = TestServer.start(storage, "max-request-bytes", "64KiB");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void remoteWriteStoresSamplesVisibleToTheApi() {
        long now = System.currentTimeMillis();
        HttpResponse<String> r = server.send(PromWire.write(server.uri("/api/v1/write"),
                PromWire.series(UP_A, now - 1000, 1, now, 0)));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(r.body()).isEmpty();
        assertThat(server.get("/api/v1/series?match[]=up").body())
                .isEqualTo("{\"status\":\"success\",\"data\":[{\"__name__\":\"up\",\"job\":\"a\"}]}");
        assertThat(storage.committedSamples()).isEqualTo(2);
    }

    @Test
    void partialWriteIs400NamingTheReasonAndCountedInMetrics() {
        long now = System.currentTimeMillis();
        server.send(PromWire.write(server.uri("/api/v1/write"), PromWire.series(UP_A, now, 1)));
        HttpResponse<String> r = server.send(PromWire.write(server.uri("/api/v1/write"),
                PromWire.series(UP_A, now, 2),
                PromWire.series(new String[] {"__name__", "up", "job", "b"}, now, 1)));
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/plain; charset=utf-8");
        assertThat(r.body()).contains("duplicate_sample");
        assertThat(server.get("/api/v1/label/job/values").body()).isEqualTo("{\"status\":\"success\",\"data\":[\"a\",\"b\"]}");
        assertThat(server.get("/metrics").body())
                .contains("strata_ingest_rejected_samples_total{reason=\"duplicate_sample\"} 1.0")
                .contains("strata_ingest_samples_total 2.0")
                .contains("strata_ingest_requests_total 2.0");
    }

    @Test
    void malformedBodyIs400AndWrongContentTypeIs415() {
        HttpResponse<String> bad = server.send(HttpRequest.newBuilder(server.uri("/api/v1/write"))
                .header("Content-Type", PromWire.V1_CONTENT_TYPE).header("Content-Encoding", "snappy")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {(byte) 0xff, (byte) 0xff, 1, 2, 3})).build());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isNotBlank().doesNotContain("\tat ");
        HttpResponse<String> json = server.send(HttpRequest.newBuilder(server.uri("/api/v1/write"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(json.body()).contains("application/json");
        assertThat(server.get("/metrics").body())
                .contains("strata_ingest_rejected_requests_total{reason=\"unsupported_content_type\"} 1.0");
    }

    @Test
    void bodyOverTheRequestLimitIs413() {
        byte[] noise = new byte[100_000];
        new Random(42).nextBytes(noise);
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/write"))
                .header("Content-Type", PromWire.V1_CONTENT_TYPE).header("Content-Encoding", "snappy")
                .POST(HttpRequest.BodyPublishers.ofByteArray(noise)).build());
        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("exceeds the limit of 65536 bytes (limits.maxRequestBytes)");
    }

    @Test
    void remoteWriteAnswersGetWith405() {
        assertThat(server.get("/api/v1/write").statusCode()).isEqualTo(405);
    }

    @Test
    void remoteReadReturnsSnappySamplesNeverGzipped() throws Exception {
        long now = System.currentTimeMillis();
        server.send(PromWire.write(server.uri("/api/v1/write"),
                PromWire.series(UP_A, now - 1000, 1, now, 0),
                PromWire.series(new String[] {"__name__", "other"}, now, 5)));
        HttpResponse<byte[]> r = server.sendForBytes(PromWire.read(server.uri("/api/v1/read"), now - 5000, now, "__name__", "up"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Encoding")).contains("snappy");
        assertThat(r.headers().firstValue("Content-Type")).contains("application/x-protobuf");
        assertThat(PromWire.describe(PromWire.parseReadResponse(r.body())))
                .isEqualTo("{__name__=\"up\", job=\"a\"} " + (now - 1000) + "=1.0 " + now + "=0.0\n");
    }

    @Test
    void malformedRemoteReadIs400InText() {
        HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/v1/read"))
                .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                .POST(HttpRequest.BodyPublishers.ofByteArray(PromWire.snappy(new byte[] {(byte) 0xff, 3}))).build());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("body is not a valid prometheus.ReadRequest");
    }
}
