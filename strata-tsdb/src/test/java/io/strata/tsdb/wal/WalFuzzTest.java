package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalTestSupport.numbered;
import static io.strata.tsdb.wal.WalTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.tsdb.fs.FaultyStorageFiles;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    void aSegmentCutAtAFrameBoundaryBeforeTheLastOneReplaysWithAHole() throws IOException {
        // Seed 307383 cuts the first of two segments from 3966 to 3116 bytes, on a frame boundary.
        damagedSegmentsYieldARepairACorruptionErrorOrAPrefixNeverACrash(307383L);
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
            // A segment before the last one cut exactly at a frame boundary looks like a segment
            // closed early by a rotation: frames alone cannot tell, so replay goes on with the
            // next segment (a hole, not a prefix). Known limit of format v1, see docs/format/wal.md.
            boolean undetectableCut = !victim.equals(segments.getLast()) && damaged.length < original.length
                    && Arrays.equals(original, 0, damaged.length, damaged, 0, damaged.length);

            List<Long> replayed;
            try (Wal wal = WalTestSupport.open(dir, files, OPTIONS)) {
                replayed = WalTestSupport.replaySequences(wal);
            } catch (CorruptWalException expected) {
                assertThat(expected.getMessage()).contains("segment=");
                return;
            }
            if (undetectableCut) {
                assertThat(replayed).isSorted().doesNotHaveDuplicates();
                assertThat(replayed).allSatisfy(n -> assertThat(n).isBetween(0L, (long) records - 1));
                return;
            }
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
