package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalTestSupport.numbered;
import static io.strata.tsdb.wal.WalTestSupport.open;
import static io.strata.tsdb.wal.WalTestSupport.options;
import static io.strata.tsdb.wal.WalTestSupport.range;
import static io.strata.tsdb.wal.WalTestSupport.replaySequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.tsdb.fs.FaultyStorageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each segment header records where the previous segment ended; readers check it before reading a
 * segment that has a successor (docs/format/wal.md, "Segment chain").
 */
class SegmentChainTest {
    private static final long SMALL_SEGMENT = 4096;
    private static final int RECORDS = 300;

    @TempDir
    Path dir;

    private final FaultyStorageFiles files = new FaultyStorageFiles().skipRealFsync(true);
    private final WalOptions options = options(SyncMode.INTERVAL, SMALL_SEGMENT);

    @Test
    void readsToTheFileSizeWhenTheSuccessorAgreesRecordsNothingOrIsAbsent() throws IOException {
        checkEnd(300, 300, true, 300);
        checkEnd(300, WalFormat.NO_PREVIOUS_SEGMENT, true, 300);
        checkEnd(300, 200, false, 300);
    }

    @Test
    void readsOnlyToTheRecordedLengthWhenTheSegmentIsLonger() throws IOException {
        checkEnd(300, 200, true, 200);
        checkEnd(300, WalFormat.SEGMENT_HEADER_BYTES, true, WalFormat.SEGMENT_HEADER_BYTES);
    }

    @Test
    void aSegmentShorterThanRecordedIsCorruptionNamingBothLengths() throws IOException {
        Path path = segmentOfSize(7, 200);
        ActiveSegment.create(files, dir, 8, 300).close();

        assertThatThrownBy(() -> SegmentChain.readableEnd(files, dir, 7, true))
                .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                    assertThat(e.file()).isEqualTo(path);
                    assertThat(e.segment()).isEqualTo(7);
                    assertThat(e.offset()).isEqualTo(200);
                })
                .hasMessageContaining("segment 00000007 ends at byte 200 but segment 00000008 records that it ended at"
                        + " byte 300: 100 bytes of records are missing");
    }

    @Test
    void aDamagedSuccessorHeaderIsCorruptionOfTheSuccessor() throws IOException {
        segmentOfSize(7, 200);
        ActiveSegment.create(files, dir, 8, 200).close();
        Path successor = WalFiles.segmentPath(dir, 8);
        byte[] bytes = Files.readAllBytes(successor);
        bytes[13] ^= 0x01; // the recorded length; the header checksum no longer matches
        Files.write(successor, bytes);

        assertThatThrownBy(() -> SegmentChain.readableEnd(files, dir, 7, true))
                .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                    assertThat(e.segment()).isEqualTo(8);
                    assertThat(e.offset()).isZero();
                })
                .hasMessageContaining("segment header checksum mismatch");
    }

    @Test
    void rotationRecordsTheLengthOfTheSegmentItClosed() throws IOException {
        try (Wal wal = open(dir, files, options)) {
            appendRecords(wal);
            assertThat(wal.currentSegment()).isGreaterThan(3);
            assertThat(recordedPreviousLength(dir, 1)).as("first segment of an empty WAL").isZero();
            for (int n = 2; n <= wal.currentSegment(); n++) {
                assertThat(recordedPreviousLength(dir, n)).as("segment %d", n)
                        .isEqualTo(Files.size(WalFiles.segmentPath(dir, n - 1)));
            }
        }
    }

    @Test
    void openRecordsTheLastSegmentsSizeOrNothingAfterACheckpointThatKeptNoSegment() throws IOException {
        int last;
        try (Wal wal = open(dir, files, options)) {
            wal.append(numbered(1));
            last = wal.currentSegment();
        }
        int empty;
        try (Wal wal = open(dir, files, options)) {
            assertThat(wal.currentSegment()).isEqualTo(last + 1);
            assertThat(recordedPreviousLength(dir, last + 1)).isEqualTo(Files.size(WalFiles.segmentPath(dir, last)));
            wal.checkpoint(wal.currentSegment(), CheckpointFilter.keepAll()); // cuts a new segment first
            empty = wal.currentSegment();
        }
        Files.delete(WalFiles.segmentPath(dir, empty)); // it held no record: a directory with only the checkpoint
        try (Wal wal = open(dir, files, options)) {
            assertThat(wal.currentSegment()).isEqualTo(empty);
            assertThat(recordedPreviousLength(dir, empty)).isZero();
            assertThat(replaySequences(wal)).containsExactly(1L);
        }
    }

    @Test
    void anEarlierSegmentCutAtAFrameBoundaryIsCorruptionAndNothingAfterItIsReplayed() throws IOException {
        try (Wal wal = open(dir, files, options)) {
            appendRecords(wal);
        }
        Path victim = WalFiles.segmentPath(dir, 2);
        long recorded = Files.size(victim);
        long cut = frameOffsets(victim, 2).getLast();
        truncate(victim, cut);

        try (Wal wal = open(dir, files, options)) {
            WalTestSupport.Recorder recorder = new WalTestSupport.Recorder();
            assertThatThrownBy(() -> wal.replay(recorder))
                    .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                        assertThat(e.segment()).isEqualTo(2);
                        assertThat(e.offset()).isEqualTo(cut);
                    })
                    .hasMessageContaining("ends at byte " + cut)
                    .hasMessageContaining("records that it ended at byte " + recorded);
            assertThat(recorder.sequences()).as("only segment 1 was replayed")
                    .hasSize(frameOffsets(WalFiles.segmentPath(dir, 1), 1).size());
        }
    }

    @Test
    void anEarlierSegmentLongerThanRecordedIsReadOnlyToTheRecordedLength() throws IOException {
        try (Wal wal = open(dir, files, options)) {
            appendRecords(wal);
        }
        // What a failed fsync leaves when cutting the failed segment back fails: the records the
        // recovery rewrote into segment 3 are still in segment 2 after the length 3 records.
        Path failed = WalFiles.segmentPath(dir, 2);
        long recorded = Files.size(failed);
        byte[] next = Files.readAllBytes(WalFiles.segmentPath(dir, 3));
        List<Long> nextFrames = frameOffsets(WalFiles.segmentPath(dir, 3), 3);
        byte[] rewritten = Arrays.copyOfRange(next, WalFormat.SEGMENT_HEADER_BYTES, (int) (long) nextFrames.get(3));
        Files.write(failed, rewritten, StandardOpenOption.APPEND);
        assertThat(recordedPreviousLength(dir, 3)).isEqualTo(recorded);

        try (Wal wal = open(dir, files, options)) {
            assertThat(replaySequences(wal)).as("no record twice").containsExactlyElementsOf(range(0, RECORDS));
            wal.checkpoint(3, CheckpointFilter.keepAll());
            assertThat(replaySequences(wal)).as("after a checkpoint").containsExactlyElementsOf(range(0, RECORDS));
        }
    }

    @Test
    void checkpointSegmentsRecordThePreviousCheckpointSegmentsLength() throws IOException {
        Path checkpointDir;
        try (Wal wal = open(dir, files, options)) {
            appendRecords(wal);
            checkpointDir = wal.checkpoint(wal.currentSegment() - 1, CheckpointFilter.keepAll()).directory();
        }
        List<Integer> segments = WalCheckpointer.checkpointSegments(files, checkpointDir);
        assertThat(segments).hasSizeGreaterThan(2);
        assertThat(recordedPreviousLength(checkpointDir, 0)).isZero();
        for (int n : segments.subList(1, segments.size())) {
            assertThat(recordedPreviousLength(checkpointDir, n)).as("checkpoint segment %d", n)
                    .isEqualTo(Files.size(WalFiles.segmentPath(checkpointDir, n - 1)));
        }
    }

    @Test
    void aCheckpointSegmentCutAtAFrameBoundaryIsCorruptionForReplayAndTheNextCheckpoint() throws IOException {
        Path checkpointDir;
        try (Wal wal = open(dir, files, options)) {
            appendRecords(wal);
            checkpointDir = wal.checkpoint(wal.currentSegment() - 1, CheckpointFilter.keepAll()).directory();
            wal.append(numbered(RECORDS));
        }
        Path victim = WalFiles.segmentPath(checkpointDir, 0);
        long recorded = Files.size(victim);
        long cut = frameOffsets(victim, 0).getLast();
        truncate(victim, cut);

        try (Wal wal = open(dir, files, options)) {
            assertThatThrownBy(() -> replaySequences(wal))
                    .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                        assertThat(e.file()).isEqualTo(victim);
                        assertThat(e.segment()).isZero();
                        assertThat(e.offset()).isEqualTo(cut);
                    })
                    .hasMessageContaining("records that it ended at byte " + recorded);
            assertThatThrownBy(() -> wal.checkpoint(wal.currentSegment() - 1, CheckpointFilter.keepAll()))
                    .isInstanceOfSatisfying(CorruptWalException.class, e -> assertThat(e.file()).isEqualTo(victim))
                    .hasMessageContaining("records that it ended at byte " + recorded);
            assertThat(checkpointDir).as("the damaged checkpoint is kept").isDirectory();
        }
    }

    /** Segment 7 of {@code size} bytes and segment 8 recording {@code recorded}; expects {@code expected}. */
    private void checkEnd(long size, long recorded, boolean withSuccessor, long expected) throws IOException {
        Path predecessor = segmentOfSize(7, size);
        Path successor = WalFiles.segmentPath(dir, 8);
        if (withSuccessor) {
            ActiveSegment.create(files, dir, 8, recorded).close();
        }
        try {
            assertThat(SegmentChain.readableEnd(files, dir, 7, withSuccessor))
                    .as("size %d, recorded %d", size, recorded).isEqualTo(expected);
        } finally {
            Files.deleteIfExists(predecessor);
            Files.deleteIfExists(successor);
        }
    }

    /** A segment file whose size is all that the chain check looks at. */
    private Path segmentOfSize(int number, long size) throws IOException {
        ActiveSegment.create(files, dir, number, WalFormat.NO_PREVIOUS_SEGMENT).close();
        Path path = WalFiles.segmentPath(dir, number);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.allocate((int) size - WalFormat.SEGMENT_HEADER_BYTES), WalFormat.SEGMENT_HEADER_BYTES);
        }
        return path;
    }

    private static void appendRecords(Wal wal) {
        for (long i = 0; i < RECORDS; i++) {
            wal.append(numbered(i, 1 + (int) (i % 7)));
        }
    }

    private long recordedPreviousLength(Path segmentDir, int number) throws IOException {
        return SegmentReader.readPreviousSegmentLength(files, WalFiles.segmentPath(segmentDir, number), number);
    }

    /** Offsets of the frames of a segment, read up to its end. */
    private List<Long> frameOffsets(Path path, int number) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (SegmentReader reader = SegmentReader.open(files, path, number, Files.size(path), null)) {
            while (reader.next() == SegmentReader.Step.FRAME) {
                offsets.add(reader.frameOffset());
            }
        }
        assertThat(offsets).as("frames of %s", path).hasSizeGreaterThan(3);
        return offsets;
    }

    private static void truncate(Path path, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }
}
