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
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up repair: a torn last write is cut off and reported; damage before it is corruption. */
class WalTornTailTest {
    private static final int RECORDS = 10;

    @TempDir
    Path dir;

    private final FaultyStorageFiles files = new FaultyStorageFiles().skipRealFsync(true);
    private final WalOptions options = options(SyncMode.INTERVAL, 1 << 20);
    private Path segment;
    private int segmentNumber;
    private byte[] pristine;
    private long lastRecordStart;
    private final List<Long> recordStarts = new ArrayList<>();

    @BeforeEach
    void writeTenRecords() throws IOException {
        try (Wal wal = open(dir, files, options)) {
            for (long i = 0; i < RECORDS; i++) {
                recordStarts.add(wal.append(numbered(i, 3)));
            }
            segmentNumber = wal.currentSegment();
        }
        segment = WalFiles.segmentPath(dir, segmentNumber);
        pristine = Files.readAllBytes(segment);
        lastRecordStart = Wal.offsetOf(recordStarts.getLast());
    }

    @Test
    void repairsATailCutAtEveryOffsetOfTheLastRecord() throws IOException {
        for (int cut = (int) lastRecordStart; cut < pristine.length; cut++) {
            restore(Arrays.copyOf(pristine, cut));

            try (Wal wal = open(dir, files, options)) {
                WalRepairReport report = wal.repairReport();
                if (cut == lastRecordStart) {
                    assertThat(report).as("cut at a frame boundary").isEqualTo(WalRepairReport.clean());
                } else {
                    assertThat(report.repaired()).as("cut at %d", cut).isTrue();
                    assertThat(report.segment()).isEqualTo(segmentNumber);
                    assertThat(report.offset()).isEqualTo(lastRecordStart);
                    assertThat(report.bytesDropped()).isEqualTo(cut - lastRecordStart);
                    assertThat(wal.metrics().repairs()).isEqualTo(1);
                }
                assertThat(replaySequences(wal)).as("cut at %d", cut).containsExactlyElementsOf(range(0, RECORDS - 1));
            }
            assertThat(Files.size(segment)).isEqualTo(lastRecordStart);
            assertThat(recordedPreviousLength(segmentNumber + 1))
                    .as("the segment open started records the repaired size").isEqualTo(lastRecordStart);
        }
    }

    @Test
    void repairsABitFlipAnywhereInTheLastRecord() throws IOException {
        for (int i = (int) lastRecordStart; i < pristine.length; i++) {
            byte[] damaged = pristine.clone();
            damaged[i] ^= (byte) (1 << (i % 8));
            restore(damaged);

            try (Wal wal = open(dir, files, options)) {
                assertThat(wal.repairReport().repaired()).as("flip at %d", i).isTrue();
                assertThat(wal.repairReport().offset()).isEqualTo(lastRecordStart);
                assertThat(wal.repairReport().problem()).containsAnyOf("checksum", "runs past the end");
                assertThat(replaySequences(wal)).as("flip at %d", i).containsExactlyElementsOf(range(0, RECORDS - 1));
            }
        }
    }

    @Test
    void aZeroFilledTailIsATornWrite() throws IOException {
        // what a power loss can leave when the file size was updated but the data never arrived
        byte[] withZeros = Arrays.copyOf(pristine, pristine.length + 4096);
        restore(withZeros);

        try (Wal wal = open(dir, files, options)) {
            assertThat(wal.repairReport()).isEqualTo(
                    WalRepairReport.truncated(segmentNumber, pristine.length, 4096, "frame header checksum mismatch"));
            assertThat(wal.repairReport().toString()).contains("segment " + WalFiles.segmentName(segmentNumber));
            assertThat(replaySequences(wal)).containsExactlyElementsOf(range(0, RECORDS));
        }
    }

    @Test
    void damageBeforeTheLastRecordIsCorruptionNotATornTail() {
        long fifth = Wal.offsetOf(recordStarts.get(5));
        byte[] damaged = pristine.clone();
        damaged[(int) fifth + WalFormat.FRAME_HEADER_BYTES + 3] ^= 0x10;
        restore(damaged);

        assertThatThrownBy(() -> open(dir, files, options))
                .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                    assertThat(e.segment()).isEqualTo(segmentNumber);
                    assertThat(e.offset()).isEqualTo(fifth);
                    assertThat(e.file()).isEqualTo(segment);
                })
                .hasMessageContaining("record checksum mismatch")
                .hasMessageContaining("an intact record follows at offset " + Wal.offsetOf(recordStarts.get(6)));
        assertThat(segment).hasBinaryContent(damaged); // nothing was cut
    }

    @Test
    void damageInAnEarlierSegmentIsReportedByReplayWithItsPosition() throws IOException {
        WalOptions small = options(SyncMode.INTERVAL, 4096);
        List<Long> positions = new ArrayList<>();
        try (Wal wal = open(dir, files, small)) {
            for (long i = RECORDS; i < 200; i++) {
                positions.add(wal.append(numbered(i, 3)));
            }
        }
        long victim = positions.get(5);
        Path victimFile = WalFiles.segmentPath(dir, Wal.segmentOf(victim));
        byte[] bytes = Files.readAllBytes(victimFile);
        bytes[(int) Wal.offsetOf(victim) + 1] ^= 0x01; // the length field
        write(victimFile, bytes);

        try (Wal wal = open(dir, files, small)) {
            assertThatThrownBy(() -> replaySequences(wal))
                    .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                        assertThat(e.segment()).isEqualTo(Wal.segmentOf(victim));
                        assertThat(e.offset()).isEqualTo(Wal.offsetOf(victim));
                    })
                    .hasMessageContaining("frame header checksum mismatch");
        }
    }

    @Test
    void aLastSegmentWithAnIncompleteHeaderIsRewritten() throws IOException {
        Path torn = WalFiles.segmentPath(dir, segmentNumber + 1);
        write(torn, new byte[] {'S', 'W', 'A'});

        try (Wal wal = open(dir, files, options)) {
            assertThat(wal.repairReport().segment()).isEqualTo(segmentNumber + 1);
            assertThat(wal.repairReport().problem()).contains("segment header incomplete");
            assertThat(replaySequences(wal)).containsExactlyElementsOf(range(0, RECORDS));
        }
        assertThat(recordedPreviousLength(segmentNumber + 1)).as("rewritten header").isEqualTo(pristine.length);
        assertThat(recordedPreviousLength(segmentNumber + 2)).isEqualTo(WalFormat.SEGMENT_HEADER_BYTES);
    }

    @Test
    void aFileThatIsNoSegmentIsRejectedAtItsHeader() {
        byte[] foreign = pristine.clone();
        foreign[0] = 'X';
        restore(foreign);

        assertThatThrownBy(() -> open(dir, files, options))
                .isInstanceOfSatisfying(CorruptWalException.class, e -> assertThat(e.offset()).isZero())
                .hasMessageContaining("bad magic");
    }

    @Test
    void aSegmentOfFormatVersion1IsRejectedNamingBothVersions() {
        // Version 1's 16-byte header: magic, version, reserved, number, CRC32C of bytes 0..11.
        ByteBuffer v1 = ByteBuffer.allocate(16 + pristine.length - WalFormat.SEGMENT_HEADER_BYTES)
                .order(ByteOrder.LITTLE_ENDIAN);
        v1.put(new byte[] {'S', 'W', 'A', 'L', 1, 0, 0, 0}).putInt(segmentNumber);
        v1.putInt(crc32c(v1.array(), 12));
        v1.put(pristine, WalFormat.SEGMENT_HEADER_BYTES, pristine.length - WalFormat.SEGMENT_HEADER_BYTES);
        restore(v1.array());

        assertThatThrownBy(() -> open(dir, files, options))
                .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                    assertThat(e.segment()).isEqualTo(segmentNumber);
                    assertThat(e.offset()).isZero();
                })
                .hasMessageContaining("segment has WAL format version 1, this Strata reads version 2");
    }

    @Test
    void aSegmentOfANewerFormatVersionIsRejectedNamingBothVersions() {
        byte[] newer = pristine.clone();
        newer[4] = 3;
        // keep the header checksum valid so that only the version differs
        ByteBuffer.wrap(newer).order(ByteOrder.LITTLE_ENDIAN).putInt(20, crc32c(newer, 20));
        restore(newer);

        assertThatThrownBy(() -> open(dir, files, options))
                .isInstanceOf(CorruptWalException.class)
                .hasMessageContaining("version 3, this Strata reads version 2");
    }

    private static int crc32c(byte[] bytes, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, length);
        return (int) crc.getValue();
    }

    private long recordedPreviousLength(int number) throws IOException {
        return SegmentReader.readPreviousSegmentLength(files, WalFiles.segmentPath(dir, number), number);
    }

    /** Puts the data segment back with {@code bytes} and removes segments later opens created. */
    private void restore(byte[] bytes) {
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path p : entries.toList()) {
                int n = WalFiles.parseSegment(p.getFileName().toString());
                if (n > segmentNumber) {
                    Files.delete(p);
                }
            }
            write(segment, bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static void write(Path path, byte[] bytes) {
        try {
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
