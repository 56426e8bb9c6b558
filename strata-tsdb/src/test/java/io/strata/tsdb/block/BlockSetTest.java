package io.strata.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.storage.Querier;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The set of blocks of a directory: merged queries, start-up repair, and arena bookkeeping. */
class BlockSetTest {
    private static final long H2 = 7_200_000;

    @TempDir
    Path dir;

    @Test
    void queriesMergeSeriesAcrossBlocksAndClipToTheRange() throws IOException {
        List<List<TestSeries>> parts = TestBlocks.consecutive(new Random(11), 3, H2);
        for (int b = 0; b < 3; b++) {
            TestBlocks.write(dir, b * H2, (b + 1) * H2, parts.get(b), OsStorageFiles.INSTANCE);
        }
        List<TestSeries> all = TestBlocks.concat(parts);
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            assertThat(set.blocks()).hasSize(3);
            try (Querier q = set.querier(0, 3 * H2)) {
                assertThat(TestBlocks.selectAll(q)).isEqualTo(all);
            }
            long from = H2 / 2;
            long to = 2 * H2 + 1000;
            try (Querier q = set.querier(from, to)) {
                assertThat(TestBlocks.selectAll(q)).isEqualTo(TestData.expected(all, TestBlocks.ALL, from, to));
            }
        }
    }

    @Test
    void openRemovesLeftoverTemporaryDirectories() throws IOException {
        BlockMeta meta = TestBlocks.write(dir, 0, H2, TestData.randomSeries(new Random(1), 10, 0, H2),
                OsStorageFiles.INSTANCE);
        Path tmp = Files.createDirectories(dir.resolve(BlockId.next() + BlockFiles.TMP_SUFFIX));
        Files.writeString(tmp.resolve(BlockFiles.CHUNKS), "half written");
        Path deleting = Files.createDirectories(dir.resolve(BlockId.next() + BlockFiles.DELETING_SUFFIX));
        Files.writeString(deleting.resolve(BlockFiles.INDEX), "half deleted");
        Path foreign = Files.createDirectories(dir.resolve("lost+found"));
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            assertThat(set.blocks()).extracting(b -> b.meta().id()).containsExactly(meta.id());
        }
        assertThat(tmp).doesNotExist();
        assertThat(deleting).doesNotExist();
        assertThat(foreign).exists();
    }

    @Test
    void everyArenaIsClosedAfterTheSetAndItsQueriersClose() throws IOException {
        int baseline = RefCountedArena.live();
        List<List<TestSeries>> parts = TestBlocks.consecutive(new Random(5), 2, H2);
        for (int b = 0; b < 2; b++) {
            TestBlocks.write(dir, b * H2, (b + 1) * H2, parts.get(b), OsStorageFiles.INSTANCE);
        }
        BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE);
        assertThat(RefCountedArena.live()).isEqualTo(baseline + 2);
        Querier q = set.querier(0, 2 * H2);
        set.close();
        assertThat(RefCountedArena.live()).isEqualTo(baseline + 2);
        assertThat(TestBlocks.selectAll(q)).isEqualTo(TestBlocks.concat(parts));
        q.close();
        assertThat(RefCountedArena.live()).isEqualTo(baseline);
    }

    @Test
    void tombstonesApplyToEveryOverlappingBlock() throws IOException {
        List<List<TestSeries>> parts = TestBlocks.consecutive(new Random(6), 3, H2);
        for (int b = 0; b < 3; b++) {
            TestBlocks.write(dir, b * H2, (b + 1) * H2, parts.get(b), OsStorageFiles.INSTANCE);
        }
        List<io.strata.model.Matcher> api = List.of(io.strata.model.Matcher.equal("job", "api"));
        long from = H2 / 2;
        long to = 2 * H2 + H2 / 2;
        List<TestSeries> expected = TestBlocks.concat(parts).stream()
                .map(s -> TestData.matchesAll(s.labels(), api) ? s.without(from, to) : s)
                .filter(s -> s.size() > 0)
                .toList();
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            set.addTombstones(api, from, to);
            assertThat(set.blocks()).allSatisfy(b -> assertThat(b.tombstones().isEmpty()).isFalse());
            try (Querier q = set.querier(0, 3 * H2)) {
                assertThat(TestBlocks.selectAll(q)).isEqualTo(expected);
            }
        }
    }

    @Test
    void supersededMeansAnotherBlockHoldsAllSources() {
        BlockMeta a = meta("A", List.of("A"), 1);
        BlockMeta b = meta("B", List.of("B"), 1);
        BlockMeta ab = meta("C", List.of("A", "B"), 2);
        BlockMeta rewritten = meta("D", List.of("A", "B"), 3);
        assertThat(BlockSet.superseded(List.of(a, b))).isEmpty();
        assertThat(BlockSet.superseded(List.of(a, b, ab))).containsExactlyInAnyOrder("A", "B");
        assertThat(BlockSet.superseded(List.of(ab, rewritten))).containsExactly("C");
    }

    private static BlockMeta meta(String id, List<String> sources, int level) {
        return new BlockMeta(id, 0, H2, 0, 0, 0, level, sources, List.of(), 0, 0);
    }
}
