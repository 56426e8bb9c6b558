package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalTestSupport.numbered;
import static io.strata.tsdb.wal.WalTestSupport.open;
import static io.strata.tsdb.wal.WalTestSupport.options;
import static io.strata.tsdb.wal.WalTestSupport.range;
import static io.strata.tsdb.wal.WalTestSupport.replaySequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import io.strata.model.StrataException;
import io.strata.tsdb.fs.FaultyStorageFiles;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WalTest {
    private static final long SMALL_SEGMENT = 4096;

    @TempDir
    Path dir;

    private final FaultyStorageFiles files = new FaultyStorageFiles().skipRealFsync(true);

    @Test
    void replaysEveryRecordTypeInOrderAfterReopen() throws IOException {
        List<String> expected;
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            wal.append(WalRecords.encodeSeries(new long[] {1, 2},
                    new Labels[] {Labels.of("__name__", "up", "job", "a"), Labels.of("__name__", "up", "job", "b")}, 2, null));
            wal.append(WalRecords.encodeSamples(new long[] {1, 2}, new long[] {1000, 1000}, new double[] {1, 0}, 2, null));
            wal.append(WalRecords.encodeMetadata(new String[] {"up"},
                    new MetricMetadata[] {new MetricMetadata(MetricType.GAUGE, "1 if up", "")}, 1, null));
            wal.append(WalRecords.encodeTombstones(new long[] {2}, new long[] {0}, new long[] {500}, 1, null));
            expected = List.of(
                    "series 1 up{job=\"a\"}", "series 2 up{job=\"b\"}",
                    "sample 1 1000 " + Double.doubleToRawLongBits(1), "sample 2 1000 " + Double.doubleToRawLongBits(0),
                    "metadata up MetricMetadata[type=GAUGE, help=1 if up, unit=]",
                    "tombstone 2 0 500");
            WalTestSupport.Recorder live = new WalTestSupport.Recorder();
            wal.replay(live);
            assertThat(live.entries).containsExactlyElementsOf(expected);
        }
        try (Wal reopened = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            WalTestSupport.Recorder recorder = new WalTestSupport.Recorder();
            reopened.replay(recorder);

            assertThat(recorder.entries).containsExactlyElementsOf(expected);
            assertThat(reopened.repairReport()).isEqualTo(WalRepairReport.clean());
        }
    }

    @Test
    void replaysInOrderAcrossSegmentRotation() throws IOException {
        List<Long> positions = new ArrayList<>();
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            for (long i = 0; i < 300; i++) {
                positions.add(wal.append(numbered(i, 1 + (int) (i % 7))));
            }
            assertThat(wal.currentSegment()).isGreaterThan(3);
            assertThat(replaySequences(wal)).containsExactlyElementsOf(range(0, 300));
        }
        assertThat(positions).isSorted();
        try (Wal reopened = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            assertThat(replaySequences(reopened)).containsExactlyElementsOf(range(0, 300));
        }
    }

    @Test
    void theStagingBufferGivesItsMemoryBackOnceAppendsStop() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, 64L << 20))) {
            int initial = wal.tailCapacity();
            // Appended back to back, these outpace the 20 ms sync interval at least once.
            for (long i = 0; i < 40; i++) {
                wal.append(numbered(i, 20_000));
            }
            assertThat(wal.tailCapacity()).as("grown under load").isGreaterThan(initial);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                    .until(() -> wal.tailCapacity() == initial);
            wal.append(numbered(40));
            assertThat(replaySequences(wal)).containsExactlyElementsOf(range(0, 41));
        }
    }

    @Test
    void segmentsStayNearTheirSizeLimit() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            for (long i = 0; i < 200; i++) {
                wal.append(numbered(i, 5));
            }
        }
        try (Stream<Path> segments = Files.list(dir)) {
            assertThat(segments.filter(p -> WalFiles.parseSegment(p.getFileName().toString()) >= 0))
                    .allSatisfy(p -> assertThat(Files.size(p)).isLessThanOrEqualTo(SMALL_SEGMENT));
        }
    }

    @Test
    void aRecordLargerThanASegmentGetsASegmentOfItsOwn() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            wal.append(numbered(1));
            long big = wal.append(numbered(2, 2000)); // ~22 KB, five times the segment size
            wal.append(numbered(3));

            assertThat(Wal.offsetOf(big)).isEqualTo(WalFormat.SEGMENT_HEADER_BYTES);
            assertThat(replaySequences(wal)).containsExactly(1L, 2L, 3L);
        }
    }

    @Test
    void appendReturnsTheFramePositionAndLeavesTheBufferAlone() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            ByteBuffer record = numbered(7);
            record.position(3);
            long first = wal.append(record);
            long second = wal.append(record);

            assertThat(Wal.segmentOf(first)).isEqualTo(wal.currentSegment());
            assertThat(Wal.offsetOf(first)).isEqualTo(WalFormat.SEGMENT_HEADER_BYTES);
            assertThat(Wal.offsetOf(second)).isEqualTo(Wal.offsetOf(first) + WalFormat.FRAME_HEADER_BYTES + record.limit());
            assertThat(record.position()).isEqualTo(3);
            assertThat(replaySequences(wal)).containsExactly(7L, 7L);
        }
    }

    @Test
    void rejectsEmptyRecords() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            assertThatThrownBy(() -> wal.append(ByteBuffer.allocate(0)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("0 bytes");
        }
    }

    @Test
    void refusesAppendsAfterClose() throws IOException {
        Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT));
        wal.close();
        wal.close(); // idempotent

        assertThatThrownBy(() -> wal.append(numbered(1)))
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("closed");
        assertThat(wal.healthy()).isFalse();
    }

    @Test
    void intervalModeFsyncsInTheBackground() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            long before = wal.metrics().fsyncs();
            wal.append(numbered(1));

            await().atMost(Duration.ofSeconds(10)).until(() -> wal.metrics().fsyncs() > before);
            await().atMost(Duration.ofSeconds(10)).until(() -> wal.metrics().unsyncedBytes() == 0);
            assertThat(files.fsyncedBytes(WalFiles.segmentPath(dir, wal.currentSegment())))
                    .isGreaterThan(WalFormat.SEGMENT_HEADER_BYTES);
        }
    }

    @Test
    void syncMakesEverythingAppendedDurable() throws IOException {
        WalOptions slow = new WalOptions(SyncMode.INTERVAL, Duration.ofHours(1), SMALL_SEGMENT);
        try (Wal wal = open(dir, files, slow)) {
            wal.append(numbered(1));
            long end = Wal.offsetOf(wal.append(numbered(2))) + WalFormat.FRAME_HEADER_BYTES + numbered(2).limit();

            wal.sync();

            assertThat(files.fsyncedBytes(WalFiles.segmentPath(dir, wal.currentSegment()))).isEqualTo(end);
        }
    }

    @Test
    void countsRecordsBytesAndSegments() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            int length = numbered(1).limit();
            for (int i = 0; i < 10; i++) {
                wal.append(numbered(1));
            }
            WalMetrics metrics = wal.metrics();
            assertThat(metrics.recordsWritten()).isEqualTo(10);
            assertThat(metrics.bytesWritten()).isEqualTo(10L * (length + WalFormat.FRAME_HEADER_BYTES));
            assertThat(metrics.segmentsCreated()).isEqualTo(1);
            assertThat(metrics.repairs()).isZero();
        }
    }

    @Test
    void truncateBeforeDeletesOlderSegmentsOnly() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            List<Long> positions = new ArrayList<>();
            for (long i = 0; i < 200; i++) {
                positions.add(wal.append(numbered(i, 5)));
            }
            int keepFrom = Wal.segmentOf(positions.get(100));
            long firstKept = positions.indexOf(positions.stream()
                    .filter(p -> Wal.segmentOf(p) == keepFrom).findFirst().orElseThrow());

            wal.truncateBefore(keepFrom);

            assertThat(replaySequences(wal)).containsExactlyElementsOf(range(firstKept, 200));
            assertThatThrownBy(() -> wal.truncateBefore(wal.currentSegment() + 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("being written");
        }
    }

    @Test
    void checkpointKeepsExactlyWhatTheFilterKeeps() throws IOException {
        WalOptions options = options(SyncMode.INTERVAL, SMALL_SEGMENT);
        try (Wal wal = open(dir, files, options)) {
            for (long ref = 0; ref < 40; ref++) {
                wal.append(WalRecords.encodeSeries(new long[] {ref}, new Labels[] {Labels.of("__name__", "m", "i", "" + ref)}, 1, null));
                wal.append(WalRecords.encodeSamples(new long[] {ref, ref}, new long[] {ref * 10, ref * 10 + 5},
                        new double[] {ref, -ref}, 2, null));
                wal.append(WalRecords.encodeMetadata(new String[] {"m" + ref % 3},
                        new MetricMetadata[] {new MetricMetadata(MetricType.COUNTER, "v" + ref, "")}, 1, null));
            }
            wal.append(WalRecords.encodeTombstones(new long[] {4, 5}, new long[] {0, 0}, new long[] {10, 10}, 2, null));
            int through = wal.currentSegment() - 1;
            // live series: even refs; samples at or after t=100; tombstones of live series
            CheckpointFilter filter = new CheckpointFilter() {
                @Override
                public boolean keepSeries(long ref) {
                    return ref % 2 == 0;
                }

                @Override
                public boolean keepSample(long ref, long timestamp) {
                    return ref % 2 == 0 && timestamp >= 100;
                }

                @Override
                public boolean keepTombstone(long ref, long minTime, long maxTime) {
                    return ref % 2 == 0;
                }

                @Override
                public boolean keepMetadata(String metricFamily) {
                    return !metricFamily.equals("m1");
                }
            };
            WalTestSupport.Recorder before = new WalTestSupport.Recorder();
            wal.replay(before);

            Checkpoint checkpoint = wal.checkpoint(through, filter);

            List<String> expected = expectedAfterCheckpoint(before.entries, filter, wal, through);
            WalTestSupport.Recorder after = new WalTestSupport.Recorder();
            wal.replay(after);
            assertThat(after.entries).containsExactlyInAnyOrderElementsOf(expected);
            assertThat(checkpoint.throughSegment()).isEqualTo(through);
            assertThat(checkpoint.metadataKept()).isEqualTo(2);
            assertThat(Files.isDirectory(checkpoint.directory())).isTrue();
            assertThat(Files.exists(WalFiles.segmentPath(dir, through))).isFalse();
        }
        try (Wal reopened = open(dir, files, options)) {
            WalTestSupport.Recorder again = new WalTestSupport.Recorder();
            reopened.replay(again);
            assertThat(again.entries).isNotEmpty().doesNotContain("series 1 m{i=\"1\"}");
        }
    }

    /**
     * Independent oracle: applies the filter to the entries of the covered segments and keeps the
     * entries of later segments unchanged; metadata keeps the latest entry per family.
     */
    private List<String> expectedAfterCheckpoint(List<String> entries, CheckpointFilter filter, Wal wal, int through)
            throws IOException {
        // entries of segments after `through`: replay a copy of just those
        WalTestSupport.Recorder later = new WalTestSupport.Recorder();
        try (SegmentReader reader = SegmentReader.open(OsStorageFiles.INSTANCE, WalFiles.segmentPath(dir, through + 1),
                through + 1, Files.size(WalFiles.segmentPath(dir, through + 1)), null)) {
            WalRecordDecoder decoder = new WalRecordDecoder();
            while (reader.next() == SegmentReader.Step.FRAME) {
                decoder.decode(reader.payload(), later);
            }
        } catch (MalformedWalRecordException e) {
            throw new AssertionError(e);
        }
        List<String> covered = entries.subList(0, entries.size() - later.entries.size());
        List<String> expected = new ArrayList<>();
        java.util.Map<String, String> metadata = new java.util.LinkedHashMap<>();
        for (String e : covered) {
            String[] f = e.split(" ");
            switch (f[0]) {
                case "series" -> {
                    if (filter.keepSeries(Long.parseLong(f[1]))) {
                        expected.add(e);
                    }
                }
                case "sample" -> {
                    if (filter.keepSample(Long.parseLong(f[1]), Long.parseLong(f[2]))) {
                        expected.add(e);
                    }
                }
                case "tombstone" -> {
                    if (filter.keepTombstone(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]))) {
                        expected.add(e);
                    }
                }
                case "metadata" -> {
                    if (filter.keepMetadata(f[1])) {
                        metadata.put(f[1], e);
                    }
                }
                default -> throw new AssertionError(e);
            }
        }
        expected.addAll(metadata.values());
        expected.addAll(later.entries);
        return expected;
    }

    @Test
    void aSecondCheckpointBuildsOnTheFirst() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            for (long i = 0; i < 100; i++) {
                wal.append(numbered(i, 3));
            }
            wal.checkpoint(wal.currentSegment(), CheckpointFilter.keepAll());
            for (long i = 100; i < 200; i++) {
                wal.append(numbered(i, 3));
            }
            Checkpoint second = wal.checkpoint(wal.currentSegment() - 1, CheckpointFilter.keepAll());

            assertThat(replaySequences(wal)).containsExactlyElementsOf(range(0, 200));
            try (Stream<Path> entries = Files.list(dir)) {
                assertThat(entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("checkpoint.")))
                        .containsExactly(second.directory().getFileName().toString());
            }
            assertThatThrownBy(() -> wal.checkpoint(second.throughSegment(), CheckpointFilter.keepAll()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("already has a checkpoint");
        }
    }

    @Test
    void checkpointOfTheCurrentSegmentCutsANewOneFirst() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            wal.append(numbered(1));
            int current = wal.currentSegment();

            wal.checkpoint(current, CheckpointFilter.keepAll());
            wal.append(numbered(2));

            assertThat(wal.currentSegment()).isEqualTo(current + 1);
            assertThat(replaySequences(wal)).containsExactly(1L, 2L);
        }
    }

    @Test
    void openFinishesACheckpointThatACrashInterrupted() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            for (long i = 0; i < 200; i++) {
                wal.append(numbered(i, 3));
            }
            assertThat(wal.currentSegment()).isGreaterThan(2);
            wal.checkpoint(wal.currentSegment() - 1, CheckpointFilter.keepAll());
        }
        // a crash after the rename but before deleting, and one while writing the next checkpoint
        Files.writeString(dir.resolve("checkpoint.00000099.tmp"), "partial");
        Path stale = WalFiles.segmentPath(dir, 1);
        Files.write(stale, new byte[] {1, 2, 3});

        try (Wal reopened = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            assertThat(replaySequences(reopened)).containsExactlyElementsOf(range(0, 200));
            assertThat(stale).doesNotExist();
            assertThat(dir.resolve("checkpoint.00000099.tmp")).doesNotExist();
        }
    }

    @Test
    void aMissingSegmentIsReportedAsCorruption() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT))) {
            for (long i = 0; i < 300; i++) {
                wal.append(numbered(i, 5));
            }
            assertThat(wal.currentSegment()).isGreaterThan(3);
        }
        Files.delete(WalFiles.segmentPath(dir, 2));

        assertThatThrownBy(() -> open(dir, files, options(SyncMode.INTERVAL, SMALL_SEGMENT)))
                .isInstanceOfSatisfying(CorruptWalException.class, e -> assertThat(e.segment()).isEqualTo(2))
                .hasMessageContaining("00000002 is missing");
    }
}
