package io.strata.tsdb;

import static io.strata.tsdb.TsdbTestSupport.HOUR;
import static io.strata.tsdb.TsdbTestSupport.MINUTE;
import static io.strata.tsdb.TsdbTestSupport.NOW;
import static io.strata.tsdb.TsdbTestSupport.appendRange;
import static io.strata.tsdb.TsdbTestSupport.options;
import static io.strata.tsdb.TsdbTestSupport.readAll;
import static io.strata.tsdb.TsdbTestSupport.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.tsdb.history.HistoryBlockWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link HistoryBlockWriter} writes blocks a {@link Tsdb} opens and reads like its own. */
class HistoryImportTest {
    private static final long BLOCK = 2 * HOUR;

    @TempDir
    Path dir;

    @Test
    void historyOlderThanTheHeadAndTheWindowReadsBackThroughTheTsdb() throws IOException {
        TestClock clock = new TestClock(NOW);
        Labels live = series("up", "job", "live");
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            appendRange(db, live, NOW - 30 * MINUTE, MINUTE, 30);
        }
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        Map<Labels, TreeMap<Long, Double>> expected = new LinkedHashMap<>();
        List<Piece> pieces = new ArrayList<>();
        // Three days of history, every minute, for the live series and nine others.
        long start = NOW - 3 * 24 * HOUR;
        for (int s = 0; s < 10; s++) {
            Labels labels = s == 0 ? live : series("load", "instance", "host-" + s);
            TreeMap<Long, Double> samples = expected.computeIfAbsent(labels, k -> new TreeMap<>());
            long end = NOW - HOUR;
            for (long t = start; t < end; ) {
                int n = (int) Math.min(1 + random.nextInt(300), (end - t) / MINUTE);
                Piece p = new Piece(labels, new long[n], new double[n]);
                for (int i = 0; i < n; i++, t += MINUTE) {
                    p.ts[i] = t;
                    p.values[i] = s * 1000 + random.nextInt(100) / 4.0;
                    samples.put(t, p.values[i]);
                }
                pieces.add(p);
            }
        }
        int resent = 0;
        for (int i = 0; i < 20; i++) {
            Piece p = pieces.get(random.nextInt(pieces.size()));
            // Arriving later than the original, a repeat loses to it even with other values.
            pieces.add(new Piece(p.labels, p.ts.clone(), new double[p.values.length]));
            resent += p.ts.length;
        }
        Collections.shuffle(pieces.subList(0, pieces.size() - 20), random);

        HistoryBlockWriter writer = new HistoryBlockWriter(dir.resolve(Tsdb.BLOCKS_DIR), BLOCK, 5_000, OsStorageFiles.INSTANCE);
        long total = 0;
        for (Piece p : pieces) {
            writer.add(p.labels, p.ts, p.values, p.ts.length);
            total += p.ts.length;
        }
        writer.close();

        assertThat(writer.duplicatesDropped()).as("seed %d", seed).isEqualTo(resent);
        assertThat(writer.samplesWritten()).isEqualTo(total - resent);
        assertThat(writer.blocksWritten()).as("one block per 2h range despite many flushes").isEqualTo(36);
        assertThat(writer.minTime()).isEqualTo(start);
        assertThat(stagingDirectories()).isEmpty();
        for (long t = NOW - 30 * MINUTE; t < NOW; t += MINUTE) {
            expected.get(live).put(t, (double) (t - (NOW - 30 * MINUTE)) / MINUTE);
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            Map<Labels, List<String>> read = readAll(db, Matcher.regex("__name__", ".+"));
            Map<Labels, List<String>> want = new LinkedHashMap<>();
            expected.forEach((labels, samples) -> {
                List<String> l = new ArrayList<>();
                samples.forEach((t, v) -> l.add(t + "=" + v));
                want.put(labels, l);
            });
            assertThat(read).as("seed %d", seed).containsExactlyInAnyOrderEntriesOf(want);
        }
    }

    @Test
    void equalTimestampsKeepTheFirstSampleWithinAndAcrossFlushes() throws IOException {
        Labels a = series("a");
        for (long maxBuffered : new long[] {1_000, 1}) {
            Path blocks = dir.resolve("blocks-" + maxBuffered);
            HistoryBlockWriter writer = new HistoryBlockWriter(blocks, BLOCK, maxBuffered, OsStorageFiles.INSTANCE);
            writer.add(a, new long[] {NOW, NOW + 1, NOW + 2}, new double[] {1, 2, 3}, 3);
            writer.add(a, new long[] {NOW + 1, NOW + 3}, new double[] {20, 4}, 2);
            writer.close();
            assertThat(writer.duplicatesDropped()).as("max buffered %d", maxBuffered).isEqualTo(1);
            assertThat(writer.samplesWritten()).isEqualTo(4);
            assertThat(writer.blocksWritten()).isEqualTo(1);
            Path dataDir = dir.resolve("data-" + maxBuffered);
            Files.createDirectories(dataDir);
            Files.move(blocks, dataDir.resolve(Tsdb.BLOCKS_DIR));
            try (Tsdb db = Tsdb.open(options(dataDir, new TestClock(NOW)).build())) {
                assertThat(readAll(db, Matcher.equal("__name__", "a")))
                        .containsExactly(Map.entry(a, List.of(NOW + "=1.0", (NOW + 1) + "=2.0", (NOW + 2) + "=3.0", (NOW + 3) + "=4.0")));
            }
        }
    }

    @Test
    void abortPublishesNothing() throws IOException {
        HistoryBlockWriter writer = new HistoryBlockWriter(dir.resolve(Tsdb.BLOCKS_DIR), BLOCK, 2, OsStorageFiles.INSTANCE);
        writer.add(series("a"), new long[] {NOW, NOW + 1, NOW + 2}, new double[] {1, 2, 3}, 3);
        assertThat(stagingDirectories()).hasSize(1);
        writer.abort();
        try (Stream<Path> left = Files.list(dir.resolve(Tsdb.BLOCKS_DIR))) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void tsdbRemovesTheStagedBlocksOfAKilledImport() throws IOException {
        HistoryBlockWriter writer = new HistoryBlockWriter(dir.resolve(Tsdb.BLOCKS_DIR), BLOCK, 2, OsStorageFiles.INSTANCE);
        writer.add(series("a"), new long[] {NOW - 5 * BLOCK, NOW - 4 * BLOCK}, new double[] {1, 2}, 2);
        assertThat(stagingDirectories()).hasSize(1);
        // Never closed, as when the process is killed.
        try (Tsdb db = Tsdb.open(options(dir, new TestClock(NOW)).build())) {
            assertThat(readAll(db, Matcher.equal("__name__", "a"))).isEmpty();
        }
        assertThat(stagingDirectories()).isEmpty();
    }

    private List<Path> stagingDirectories() throws IOException {
        Path blocks = dir.resolve(Tsdb.BLOCKS_DIR);
        if (!Files.exists(blocks)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(blocks)) {
            return s.filter(p -> p.getFileName().toString().startsWith("import-")).toList();
        }
    }

    private record Piece(Labels labels, long[] ts, double[] values) {}
}
