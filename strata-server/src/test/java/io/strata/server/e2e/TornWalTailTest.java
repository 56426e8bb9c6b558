package io.strata.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.ingest.remotewrite.RemoteWriteEncoder;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A WAL whose last segment ends in a torn write (garbage after the last record, or a last record
 * cut short) after a SIGKILL: the restarted server repairs it, becomes ready, keeps every intact
 * acknowledged request, and reports the repair in its log and in {@code /metrics}.
 */
class TornWalTailTest {
    private static final int REQUESTS = 30;
    /** Segment header of WAL format version 2 (docs/format/wal.md). */
    private static final int SEGMENT_HEADER_BYTES = 24;

    @TempDir
    Path dir;

    @Test
    void garbageAfterTheLastRecordIsCutOffAndNothingAcknowledgedIsLost() throws Exception {
        Path data = dir.resolve("data");
        long base = System.currentTimeMillis() - 60_000;
        List<LoadBatch> acknowledged = writeThenKill(data, base);
        Path segment = lastSegment(data);
        byte[] garbage = new byte[200];
        new Random(42).nextBytes(garbage);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ch.write(ByteBuffer.wrap(garbage));
        }

        try (StrataChild restarted = StrataChild.startReady(data, dir.resolve("second.log"))) {
            assertRepairReported(restarted, segment, garbage.length);
            Map<String, Map<Long, Double>> stored = LoadBatch.readAll(restarted, base);
            SoftAssertions softly = new SoftAssertions();
            acknowledged.forEach(b -> b.checkPresent(stored, softly));
            softly.assertAll();
        }
    }

    @Test
    void aLastRecordCutShortIsDroppedAndEveryEarlierRequestKept() throws Exception {
        Path data = dir.resolve("data");
        long base = System.currentTimeMillis() - 60_000;
        List<LoadBatch> acknowledged = writeThenKill(data, base);
        Path segment = lastSegment(data);
        long size = Files.size(segment);
        try (FileChannel ch = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            ch.truncate(size - 3); // as if the kernel had written only part of the last write
        }

        try (StrataChild restarted = StrataChild.startReady(data, dir.resolve("second.log"))) {
            assertRepairReported(restarted, segment, -1);
            Map<String, Map<Long, Double>> stored = LoadBatch.readAll(restarted, base);
            SoftAssertions softly = new SoftAssertions();
            acknowledged.subList(0, REQUESTS - 1).forEach(b -> b.checkPresent(stored, softly));
            softly.assertAll();
            // The torn record belonged to the last request, so at least one of its samples is gone.
            SoftAssertions lastRequest = new SoftAssertions();
            acknowledged.getLast().checkPresent(stored, lastRequest);
            assertThat(lastRequest.errorsCollected()).as("samples of the torn last request").isNotEmpty();

            // And the repaired WAL takes new writes that survive the next restart.
            LoadBatch next = new LoadBatch(0, REQUESTS, base);
            assertThat(send(restarted, next).statusCode()).isEqualTo(204);
        }
        try (StrataChild again = StrataChild.startReady(data, dir.resolve("third.log"))) {
            SoftAssertions softly = new SoftAssertions();
            new LoadBatch(0, REQUESTS, base).checkPresent(LoadBatch.readAll(again, base), softly);
            softly.assertAll();
            assertThat(again.get("/metrics").body()).contains("strata_wal_repairs_total 0.0");
        }
    }

    /** Writes {@value #REQUESTS} requests one after another, all acknowledged, then SIGKILLs the server. */
    private List<LoadBatch> writeThenKill(Path data, long base) throws Exception {
        List<LoadBatch> acknowledged = new ArrayList<>();
        try (StrataChild server = StrataChild.startReady(data, dir.resolve("first.log"))) {
            for (int i = 0; i < REQUESTS; i++) {
                LoadBatch batch = new LoadBatch(0, i, base);
                HttpResponse<byte[]> r = send(server, batch);
                assertThat(r.statusCode()).as(new String(r.body())).isEqualTo(204);
                acknowledged.add(batch);
            }
            server.kill();
        }
        return acknowledged;
    }

    private static HttpResponse<byte[]> send(StrataChild server, LoadBatch batch) throws Exception {
        return server.sendForBytes(batch.request(server.uri("/api/v1/write"),
                new RemoteWriteEncoder(RemoteWriteEncoder.Version.V1)));
    }

    /** The highest-numbered segment in {@code wal/}, which must hold records. */
    private static Path lastSegment(Path data) throws Exception {
        Path segment;
        try (Stream<Path> files = Files.list(data.resolve("wal"))) {
            segment = files.filter(p -> p.getFileName().toString().matches("\\d{8}")).max(Path::compareTo).orElseThrow();
        }
        assertThat(Files.size(segment)).as("size of %s", segment).isGreaterThan(SEGMENT_HEADER_BYTES + 16);
        return segment;
    }

    /** The log names the segment and what was dropped; {@code /metrics} counts one repair. */
    private static void assertRepairReported(StrataChild server, Path segment, int bytesDropped) {
        String expected = "WAL tail repaired: segment " + segment.getFileName() + " truncated at offset ";
        assertThat(server.logText()).contains(expected);
        if (bytesDropped >= 0) {
            assertThat(server.logText()).contains(", " + bytesDropped + " bytes of an incomplete last write dropped");
        }
        assertThat(server.get("/metrics").body()).contains("strata_wal_repairs_total 1.0");
        assertThat(server.get("/-/ready").statusCode()).isEqualTo(200);
    }
}
