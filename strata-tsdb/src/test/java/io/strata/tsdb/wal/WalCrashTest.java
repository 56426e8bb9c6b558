package io.strata.tsdb.wal;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real kill -9: a child JVM appends and prints each acknowledged record; the test kills it
 * mid-stream (twice, the second time after a restart that replays and repairs), then checks that
 * every acknowledged record is replayed.
 */
class WalCrashTest {
    private static final long WAIT_MILLIS = 60_000;

    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void everyAcknowledgedRecordSurvivesAKilledProcess(SyncMode mode) throws Exception {
        Path dir = tmp.resolve("wal");
        int target = mode == SyncMode.INTERVAL ? 3000 : 200;

        long firstRunLast = runAndKill(dir, mode, 0, target);
        long replayedLast = assertEveryAcknowledgedReplayed(dir, firstRunLast);

        long secondRunLast = runAndKill(dir, mode, replayedLast + 1, target);
        assertEveryAcknowledgedReplayed(dir, secondRunLast);
    }

    /** Starts the child, kills it after {@code target} acknowledgements; returns the last one it printed. */
    private long runAndKill(Path dir, SyncMode mode, long first, int target) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                WalCrashChild.class.getName(), dir.toString(), mode.name(), Long.toString(first));
        // stdout goes straight to a file: what the child wrote there survives its kill, whereas a
        // pipe being read while the JDK reaps the process can lose its last lines
        Path ackFile = tmp.resolve("acks-" + first + ".txt");
        builder.redirectOutput(ackFile.toFile());
        builder.redirectError(tmp.resolve("child-" + first + ".err").toFile());
        Process child = builder.start();
        try {
            long deadline = System.currentTimeMillis() + WAIT_MILLIS;
            while (readAcks(ackFile).size() < target && child.isAlive() && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            assertThat(child.isAlive()).as("child still running when killed; see child-%d.err", first).isTrue();
        } finally {
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        List<Long> acks = readAcks(ackFile);
        assertThat(acks).as("acknowledgements before the deadline").hasSizeGreaterThanOrEqualTo(target);
        assertThat(acks.getFirst()).isEqualTo(first);
        return acks.getLast();
    }

    /** The acknowledged sequence numbers, from complete lines only. */
    private static List<Long> readAcks(Path ackFile) throws IOException {
        List<Long> acks = new ArrayList<>();
        if (!Files.exists(ackFile)) {
            return acks;
        }
        String text = Files.readString(ackFile, StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        for (String line : text.substring(0, end + 1).split("\n")) {
            if (line.startsWith("ACK ")) {
                acks.add(Long.parseLong(line.substring(4).trim()));
            }
        }
        return acks;
    }

    /** Returns the last replayed record. */
    private static long assertEveryAcknowledgedReplayed(Path dir, long lastAcknowledged) throws IOException {
        try (Wal wal = Wal.open(dir, WalOptions.defaults(), OsStorageFiles.INSTANCE, WalTestSupport.CLOCK)) {
            List<Long> replayed = WalTestSupport.replaySequences(wal);
            // in order, no gaps, no duplicates, at least up to the last acknowledged record (the
            // child may have written one more before it could print its acknowledgement)
            assertThat(replayed).containsExactlyElementsOf(WalTestSupport.range(0, replayed.size()));
            assertThat(replayed.getLast()).isBetween(lastAcknowledged, lastAcknowledged + 1);
            return replayed.getLast();
        }
    }
}
