package io.strata.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.prompb.Remote;
import io.strata.ingest.prompb.Types;
import io.strata.server.TestServer;
import io.strata.testing.InMemoryStorage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

/** Remote read with the STREAMED_XOR_CHUNKS response type, as Thanos and newer clients ask for it. */
class StreamedRemoteReadTest {
    @Test
    void streamsCheckedFramesWithEverySeries() throws Exception {
        InMemoryStorage storage = new InMemoryStorage();
        try (TestServer server = TestServer.start(storage)) {
            long now = System.currentTimeMillis();
            String[] a = {"__name__", "up", "job", "a"};
            String[] b = {"__name__", "up", "job", "b"};
            server.send(PromWire.write(server.uri("/api/v1/write"),
                    PromWire.series(a, now - 2000, 1, now - 1000, 1, now, 1),
                    PromWire.series(b, now, 0)));

            Remote.ReadRequest request = Remote.ReadRequest.newBuilder()
                    .addQueries(Remote.Query.newBuilder().setStartTimestampMs(now - 60_000).setEndTimestampMs(now)
                            .addMatchers(Types.LabelMatcher.newBuilder().setType(Types.LabelMatcher.Type.EQ)
                                    .setName("__name__").setValue("up")))
                    .addAcceptedResponseTypes(Remote.ReadRequest.ResponseType.STREAMED_XOR_CHUNKS)
                    .build();
            HttpResponse<byte[]> r = server.sendForBytes(HttpRequest.newBuilder(server.uri("/api/v1/read"))
                    .header("Content-Type", "application/x-protobuf").header("Content-Encoding", "snappy")
                    .header("Accept-Encoding", "gzip")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(PromWire.snappy(request.toByteArray()))).build());

            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type"))
                    .contains("application/x-streamed-protobuf; proto=prometheus.ChunkedReadResponse");
            assertThat(r.headers().firstValue("Content-Encoding")).isEmpty();
            List<String> series = new ArrayList<>();
            int chunks = 0;
            for (Remote.ChunkedReadResponse frame : frames(r.body())) {
                assertThat(frame.getQueryIndex()).isZero();
                for (Types.ChunkedSeries s : frame.getChunkedSeriesList()) {
                    series.add(s.getLabels(1).getValue());
                    chunks += s.getChunksCount();
                }
            }
            assertThat(series).containsExactly("a", "b");
            assertThat(chunks).isGreaterThanOrEqualTo(2);
        }
    }

    /** Frames: uvarint length, big-endian CRC32C of the message, the message. */
    private static List<Remote.ChunkedReadResponse> frames(byte[] body) throws Exception {
        List<Remote.ChunkedReadResponse> out = new ArrayList<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(body));
        while (in.available() > 0) {
            long length = 0;
            for (int shift = 0; ; shift += 7) {
                int b = in.readUnsignedByte();
                length |= (long) (b & 0x7f) << shift;
                if (b < 0x80) {
                    break;
                }
            }
            int crc = in.readInt();
            byte[] message = in.readNBytes((int) length);
            CRC32C check = new CRC32C();
            check.update(message);
            assertThat((int) check.getValue()).isEqualTo(crc);
            out.add(Remote.ChunkedReadResponse.parseFrom(message));
        }
        return out;
    }
}
