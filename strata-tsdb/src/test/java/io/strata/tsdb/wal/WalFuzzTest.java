package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalTestSupport.numbered;
import static io.strata.tsdb.wal.WalTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.tsdb.fs.FaultyStorageFiles;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Damaged segments never crash the WAL: open and replay either succeed or throw
 * {@link CorruptWalException}. When they succeed, what replays is a prefix of what was written
 * (repair only ever cuts a tail). Seeds are printed by jqwik for replay.
 */
class WalFuzzTest {
    private static final WalOptions OPTIONS = options(SyncMode.INTERVAL, 4096);

    @net.jqwik.api.Example
    void aSegmentCutAtAFrameBoundaryBeforeTheLastOneIsReportedAsCorruption() throws IOException {
        Path dir = Files.createTempDirectory("wal-fuzz");
        try {
            FaultyStorageFiles files = new FaultyStorageFiles().skipRealFsync(true);
            long lastFrame = -1;
            try (Wal wal = WalTestSupport.open(dir, files, OPTIONS)) {
                for (long i = 0; wal.currentSegment() < 3; i++) {
                    long position = wal.append(numbered(i, 1 + (int) (i % 30)));
                    if (Wal.segmentOf(position) == 1) {
                        lastFrame = Wal.offsetOf(position);
                    }
                    assertThat(i).as("bounded loop").isLessThan(1000);
                }
            }
            long lastFrameOfFirst = lastFrame;
            Path first = WalFiles.segmentPath(dir, 1);
            long size = Files.size(first);
            try (FileChannel channel = FileChannel.open(first, StandardOpenOption.WRITE)) {
                channel.truncate(lastFrameOfFirst); // the whole last frame is gone, nothing torn
            }

            try (Wal wal = WalTestSupport.open(dir, files, OPTIONS)) {
                assertThat(wal.repairReport()).isEqualTo(WalRepairReport.clean());
                assertThatThrownBy(() -> WalTestSupport.replaySequences(wal))
                        .isInstanceOfSatisfying(CorruptWalException.class, e -> {
                            assertThat(e.segment()).isEqualTo(1);
                            assertThat(e.offset()).isEqualTo(lastFrameOfFirst);
                        })
                        .hasMessageContaining("segment 00000001 ends at byte " + lastFrameOfFirst)
                        .hasMessageContaining("segment 00000002 records that it ended at byte " + size)
                        .hasMessageContaining((size - lastFrameOfFirst) + " bytes of records are missing");
            }
        } finally {
            OsStorageFiles.INSTANCE.deleteRecursively(dir);
        }
    }

    @Property(tries = 150)
    void damagedSegmentsYieldARepairACorruptionErrorOrAPrefixNeverACrash(@ForAll long seed) throws IOException {
        Random random = new Random(seed);
        FaultyStorageFiles files = new FaultyStorageFiles().skipRealFsync(true);
        Path dir = Files.createTempDirectory("wal-fuzz");
        try {
            int records = random.nextInt(60);
            try (Wal wal = WalTestSupport.open(dir, files, OPTIONS)) {
                for (long i = 0; i < records; i++) {
                    wal.append(numbered(i, 1 + random.nextInt(30)));
                }
            }
            List<Path> segments = segments(dir);
            Path victim = segments.get(random.nextInt(segments.size()));
            byte[] original = Files.readAllBytes(victim);
            byte[] damaged = mutate(original, random);
            Files.write(victim, damaged);
            // A segment before the last one that lost its end, at a frame boundary or not, is shorter
            // than its successor's header records: always corruption, never a hole.
            boolean earlierSegmentCut = !victim.equals(segments.getLast()) && damaged.length < original.length
                    && Arrays.equals(original, 0, damaged.length, damaged, 0, damaged.length);

            List<Long> replayed;
            try (Wal wal = WalTestSupport.open(dir, files, OPTIONS)) {
                replayed = WalTestSupport.replaySequences(wal);
            } catch (CorruptWalException expected) {
                assertThat(expected.getMessage()).contains("segment=");
                if (earlierSegmentCut) {
                    assertThat(expected.segment()).isEqualTo(WalFiles.parseSegment(victim.getFileName().toString()));
                    assertThat(expected.offset()).isEqualTo(damaged.length);
                    assertThat(expected).hasMessageContaining("records that it ended at byte " + original.length);
                }
                return;
            }
            assertThat(earlierSegmentCut).as("a cut earlier segment replayed without an error").isFalse();
            assertThat(replayed).containsExactlyElementsOf(WalTestSupport.range(0, replayed.size()));
            assertThat(replayed.size()).isLessThanOrEqualTo(records);
        } finally {
            OsStorageFiles.INSTANCE.deleteRecursively(dir);
        }
    }

    private static byte[] mutate(byte[] bytes, Random random) {
        byte[] out = bytes.clone();
        switch (random.nextInt(7)) {
            case 0 -> { // flip a few bits
                int flips = 1 + random.nextInt(5);
                for (int i = 0; i < flips && out.length > 0; i++) {
                    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
                }
            }
            case 1 -> out = Arrays.copyOf(out, random.nextInt(out.length + 1)); // truncate
            case 2 -> { // append garbage
                byte[] garbage = new byte[1 + random.nextInt(300)];
                random.nextBytes(garbage);
                out = Arrays.copyOf(out, out.length + garbage.length);
                System.arraycopy(garbage, 0, out, bytes.length, garbage.length);
            }
            case 3 -> { // overwrite a range with random bytes
                if (out.length > 0) {
                    int from = random.nextInt(out.length);
                    int to = Math.min(out.length, from + 1 + random.nextInt(64));
                    for (int i = from; i < to; i++) {
                        out[i] = (byte) random.nextInt();
                    }
                }
            }
            case 4 -> { // zero a range, as a lost page would look
                if (out.length > 0) {
                    int from = random.nextInt(out.length);
                    Arrays.fill(out, from, Math.min(out.length, from + 1 + random.nextInt(4096)), (byte) 0);
                }
            }
            case 5 -> { // duplicate a range over a later spot
                if (out.length > 1) {
                    int from = random.nextInt(out.length);
                    int to = random.nextInt(out.length);
                    int length = Math.min(1 + random.nextInt(200), Math.min(out.length - from, out.length - to));
                    System.arraycopy(bytes, from, out, to, length);
                }
            }
            default -> { // a wholly random file
                out = new byte[random.nextInt(600)];
                random.nextBytes(out);
            }
        }
        return out;
    }

    private static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.filter(p -> WalFiles.parseSegment(p.getFileName().toString()) >= 0).sorted().toList();
        }
    }
}
