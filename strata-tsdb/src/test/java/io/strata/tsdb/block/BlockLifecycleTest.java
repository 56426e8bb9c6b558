package io.strata.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.ErrorCode;
import io.strata.model.Matcher;
import io.strata.model.StrataException;
import io.strata.storage.Querier;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapped files live exactly as long as the block or a querier of it needs them; tombstones hide data. */
class BlockLifecycleTest {
    private static final long MAX = 7_200_000;
    private static final List<Matcher> ALL = List.of(Matcher.regex("__name__", ".+"));

    @TempDir
    Path dir;

    private Path blockDir;
    private List<TestSeries> series;

    @BeforeEach
    void writeBlock() throws IOException {
        series = TestData.randomSeries(new Random(3), 30, 0, MAX).stream().filter(s -> s.size() > 0).toList();
        blockDir = dir.resolve(BlockWriter.write(dir, 0, MAX, new TestSeriesSource(series, 64), OsStorageFiles.INSTANCE)
                .id());
    }

    @Test
    void arenaClosesWhenTheLastQuerierCloses() throws IOException {
        int baseline = RefCountedArena.live();
        Block block = Block.open(blockDir, OsStorageFiles.INSTANCE);
        assertThat(RefCountedArena.live()).isEqualTo(baseline + 1);
        Querier first = block.querier(0, MAX);
        Querier second = block.querier(0, MAX);
        block.close();
        assertThat(RefCountedArena.live()).isEqualTo(baseline + 1);
        assertThat(TestData.select(first, ALL)).isEqualTo(series);
        first.close();
        first.close(); // a second close is harmless and releases nothing more
        assertThat(RefCountedArena.live()).isEqualTo(baseline + 1);
        assertThat(TestData.select(second, ALL)).isEqualTo(series);
        second.close();
        assertThat(RefCountedArena.live()).isEqualTo(baseline);
        assertThatThrownBy(() -> block.querier(0, MAX))
                .isInstanceOf(StrataException.class)
                .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }

    @Test
    void failedOpenLeavesNoArena() throws IOException {
        int baseline = RefCountedArena.live();
        Files.write(blockDir.resolve(BlockFiles.INDEX), new byte[] {1, 2, 3});
        assertThatThrownBy(() -> Block.open(blockDir, OsStorageFiles.INSTANCE)).isInstanceOf(StrataException.class);
        assertThat(RefCountedArena.live()).isEqualTo(baseline);
    }

    @Test
    void deletedBlockDirectoryGoesAwayAfterTheLastReader() throws IOException {
        Block block = Block.open(blockDir, OsStorageFiles.INSTANCE);
        Querier q = block.querier(0, MAX);
        block.closeAndDelete();
        assertThat(blockDir).exists();
        assertThat(TestData.select(q, ALL)).isEqualTo(series);
        q.close();
        assertThat(blockDir).doesNotExist();
    }

    @Test
    void tombstonesHideSamplesFromLaterQueriersAndSurviveReopen() throws IOException {
        List<Matcher> node = List.of(Matcher.equal("job", "node"));
        long from = 1_000_000;
        long to = 3_000_000;
        List<TestSeries> expected = series.stream()
                .map(s -> TestData.matchesAll(s.labels(), node) ? s.without(from, to) : s)
                .filter(s -> s.size() > 0)
                .toList();
        try (Block block = Block.open(blockDir, OsStorageFiles.INSTANCE)) {
            Querier before = block.querier(0, MAX);
            block.addTombstones(node, from, to);
            assertThat(TestData.select(before, ALL)).as("a querier keeps its snapshot").isEqualTo(series);
            before.close();
            try (Querier after = block.querier(0, MAX)) {
                assertThat(TestData.select(after, ALL)).isEqualTo(expected);
            }
            // Deleting everything of a series removes it from results.
            block.addTombstones(node, 0, MAX);
            try (Querier after = block.querier(0, MAX)) {
                assertThat(TestData.select(after, ALL).stream().map(TestSeries::labels))
                        .noneMatch(l -> "node".equals(l.get("job")));
            }
        }
        try (Block reopened = Block.open(blockDir, OsStorageFiles.INSTANCE); Querier q = reopened.querier(0, MAX)) {
            assertThat(reopened.tombstones().isEmpty()).isFalse();
            assertThat(TestData.select(q, ALL)).isEqualTo(series.stream()
                    .filter(s -> !TestData.matchesAll(s.labels(), node))
                    .toList());
        }
    }

    @Test
    void tombstoneIntervalsMergeWhenTheyTouch() {
        long[] iv = Tombstones.addInterval(null, 10, 20);
        iv = Tombstones.addInterval(iv, 30, 40);
        assertThat(iv).containsExactly(10, 20, 30, 40);
        iv = Tombstones.addInterval(iv, 21, 29);
        assertThat(iv).containsExactly(10, 40);
        iv = Tombstones.addInterval(iv, 0, 5);
        iv = Tombstones.addInterval(iv, 50, Long.MAX_VALUE);
        assertThat(iv).containsExactly(0, 5, 10, 40, 50, Long.MAX_VALUE);
        assertThat(Tombstones.covers(iv, 12, 39)).isTrue();
        assertThat(Tombstones.covers(iv, 4, 11)).isFalse();
        assertThat(Tombstones.isDeleted(iv, 7)).isFalse();
        assertThat(Tombstones.isDeleted(iv, Long.MAX_VALUE)).isTrue();
    }

    @Test
    void blockIdsSortByCreationTimeAndEncodeIt() {
        // Ids never go back in time within a process, so use a time later than any id made so far.
        long t = System.currentTimeMillis() + 86_400_000L;
        String a = BlockId.next(t);
        String b = BlockId.next(t);
        String c = BlockId.next(t + 1);
        assertThat(a).isLessThan(b);
        assertThat(b).isLessThan(c);
        assertThat(BlockId.isValid(a)).isTrue();
        assertThat(BlockId.isValid(a + BlockFiles.TMP_SUFFIX)).isFalse();
        assertThat(BlockId.timestamp(a)).isEqualTo(t);
        assertThat(BlockId.timestamp(c)).isEqualTo(t + 1);
    }
}
