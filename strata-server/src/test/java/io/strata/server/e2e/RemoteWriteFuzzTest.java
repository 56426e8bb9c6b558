package io.strata.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.remotewrite.RemoteWriteEncoder;
import io.strata.server.TestServer;
import io.strata.server.cli.StorageOpeners;
import io.strata.server.ingest.PromWire;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and mutated bodies and headers sent to {@code /api/v1/write} of a server on the real
 * TSDB, plus malformed HTTP on a raw socket: every answer is 2xx or 4xx (never 5xx, never a hang),
 * the server stays ready throughout, and a valid write afterwards is stored.
 */
class RemoteWriteFuzzTest {
    private static final long SEED = 20_240_611L;
    private static final int REQUESTS = 300;
    private static final int RAW_REQUESTS = 20;

    @TempDir
    Path dataDir;

    @Test
    void badBodiesGetOnly4xxAndTheServerStaysReady() throws Exception {
        Random random = new Random(SEED);
        long base = System.currentTimeMillis() - 60_000;
        try (TestServer server = TestServer.start(StorageOpeners.tsdb(), "data-dir", dataDir.toString())) {
            byte[] validRaw = validProtobuf(base);
            for (int i = 0; i < REQUESTS; i++) {
                Mutation m = Mutation.values()[random.nextInt(Mutation.values().length)];
                HttpRequest request = m.request(server, validRaw, random);
                HttpResponse<String> r = server.send(request);
                assertThat(r.statusCode())
                        .as("request %d (%s, seed %d) answered %s", i, m, SEED, r.body())
                        .isBetween(200, 499);
                if (i % 50 == 0) {
                    assertThat(server.get("/-/ready").statusCode()).as("ready after request %d", i).isEqualTo(200);
                }
            }
            for (int i = 0; i < RAW_REQUESTS; i++) {
                String answer = rawExchange(server.port(), malformedHttp(random, i));
                assertThat(answer).as("status line answering malformed request %d", i)
                        .satisfiesAnyOf(a -> assertThat(a).isEmpty(), a -> assertThat(a).matches("HTTP/1\\.1 4\\d\\d .*"));
            }

            assertThat(server.get("/-/ready").statusCode()).isEqualTo(200);
            LoadBatch valid = new LoadBatch(7, 0, base);
            HttpResponse<String> ok = server.send(valid.request(server.uri("/api/v1/write"),
                    new RemoteWriteEncoder(RemoteWriteEncoder.Version.V1)));
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(204);
            assertThat(server.get("/api/v1/series?match[]=" + LoadBatch.METRIC + "%7Bclient%3D%227%22%7D").body())
                    .contains("\"client\":\"7\"");
        }
    }

    private static byte[] validProtobuf(long base) {
        RemoteWriteEncoder encoder = new RemoteWriteEncoder(RemoteWriteEncoder.Version.V1);
        long[] t = {base, base + 1000};
        double[] v = {1.5, 2.5};
        encoder.addSeries(io.strata.model.Labels.of("__name__", "fuzz_seed", "job", "fuzz"), t, v, 0, 2);
        int length = encoder.finish();
        return Arrays.copyOf(encoder.array(), length);
    }

    /** The ways a request body or its headers are spoiled. */
    private enum Mutation {
        RANDOM_BYTES {
            @Override
            byte[] body(byte[] valid, Random r) {
                return randomBytes(r, r.nextInt(2048));
            }
        },
        SNAPPY_OF_RANDOM_BYTES {
            @Override
            byte[] body(byte[] valid, Random r) {
                return PromWire.snappy(randomBytes(r, r.nextInt(2048)));
            }
        },
        FLIPPED_COMPRESSED_BYTES {
            @Override
            byte[] body(byte[] valid, Random r) {
                return flip(PromWire.snappy(valid), r);
            }
        },
        FLIPPED_PROTOBUF_BYTES {
            @Override
            byte[] body(byte[] valid, Random r) {
                return PromWire.snappy(flip(valid, r));
            }
        },
        TRUNCATED_COMPRESSED {
            @Override
            byte[] body(byte[] valid, Random r) {
                byte[] c = PromWire.snappy(valid);
                return Arrays.copyOf(c, r.nextInt(c.length));
            }
        },
        TRUNCATED_PROTOBUF {
            @Override
            byte[] body(byte[] valid, Random r) {
                return PromWire.snappy(Arrays.copyOf(valid, r.nextInt(valid.length)));
            }
        },
        UNCOMPRESSED_PROTOBUF {
            @Override
            byte[] body(byte[] valid, Random r) {
                return valid;
            }
        },
        WRONG_HEADERS {
            @Override
            byte[] body(byte[] valid, Random r) {
                return PromWire.snappy(valid);
            }

            @Override
            HttpRequest.Builder headers(HttpRequest.Builder b, Random r) {
                String[] types = {"text/plain", "application/json", "application/x-protobuf;proto=nope", "x/y"};
                String[] encodings = {"gzip", "identity", "zstd", "snappy, gzip"};
                String[] versions = {"9.9.9", "x", "0.1.0", "2.0.0"};
                b.header("Content-Type", types[r.nextInt(types.length)]);
                b.header("Content-Encoding", encodings[r.nextInt(encodings.length)]);
                b.header("X-Prometheus-Remote-Write-Version", versions[r.nextInt(versions.length)]);
                return b;
            }
        };

        abstract byte[] body(byte[] valid, Random r);

        HttpRequest.Builder headers(HttpRequest.Builder b, Random r) {
            return b.header("Content-Type", PromWire.V1_CONTENT_TYPE)
                    .header("Content-Encoding", "snappy")
                    .header("X-Prometheus-Remote-Write-Version", "0.1.0");
        }

        HttpRequest request(TestServer server, byte[] valid, Random r) {
            return headers(HttpRequest.newBuilder(server.uri("/api/v1/write")).timeout(Duration.ofSeconds(10)), r)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(valid, r)))
                    .build();
        }

        static byte[] randomBytes(Random r, int n) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return b;
        }

        static byte[] flip(byte[] source, Random r) {
            byte[] b = source.clone();
            int flips = 1 + r.nextInt(4);
            for (int i = 0; i < flips && b.length > 0; i++) {
                b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
            }
            return b;
        }
    }

    /** Requests the HTTP codec must refuse, or may close the connection on. */
    private static byte[] malformedHttp(Random r, int i) {
        return switch (i % 5) {
            case 0 -> Mutation.randomBytes(r, 1 + r.nextInt(512));
            case 1 -> "POST /api/v1/write HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            case 2 -> "POST /api/v1/write HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
            case 3 -> ("POST /api/v1/write HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(70_000) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            default -> "GARBAGE \u0001\u0002 HTTP/9.9\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        };
    }

    /** Sends raw bytes, half-closes, and returns the answer's status line ("" when closed silently). */
    private static String rawExchange(int port, byte[] request) throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            try {
                out.write(request);
                out.flush();
                socket.shutdownOutput();
            } catch (java.io.IOException closedByServer) {
                // the server may refuse a huge header before it has all been sent
            }
            InputStream in = socket.getInputStream();
            byte[] answer;
            try {
                answer = in.readNBytes(4096);
            } catch (java.net.SocketException reset) {
                return "";
            }
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            int eol = text.indexOf("\r\n");
            return eol < 0 ? text : text.substring(0, eol);
        }
    }
}
