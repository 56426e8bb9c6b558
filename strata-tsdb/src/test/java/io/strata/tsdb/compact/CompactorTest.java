package io.strata.tsdb.compact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.tsdb.block.Block;
import io.strata.tsdb.block.BlockFiles;
import io.strata.tsdb.block.BlockMeta;
import io.strata.tsdb.block.BlockSet;
import io.strata.tsdb.block.FailingStorageFiles;
import io.strata.tsdb.block.TestBlocks;
import io.strata.tsdb.block.TestData;
import io.strata.tsdb.block.TestSeries;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CompactorTest {
    private static final long H2 = 7_200_000;
    private static final Compactor COMPACTOR =
            new Compactor(OsStorageFiles.INSTANCE, new CompactionPlanner(List.of(H2, 3 * H2, 9 * H2)));

    @TempDir
    Path dir;

    @Test
    void threeConsecutiveBlocksBecomeOneWithIdenticalQueryResults() throws IOException {
        List<List<TestSeries>> parts = TestBlocks.consecutive(new Random(21), 3, H2);
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            ids.add(TestBlocks.write(dir, b * H2, (b + 1) * H2, parts.get(b), OsStorageFiles.INSTANCE).id());
        }
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            List<TestSeries> before;
            List<String> namesBefore;
            List<String> instancesBefore;
            try (Querier q = set.querier(0, 3 * H2)) {
                before = TestBlocks.selectAll(q);
                namesBefore = q.labelNames(0, List.of());
                instancesBefore = q.labelValues("instance", 0, List.of(Matcher.equal("job", "node")));
            }
            assertThat(COMPACTOR.compact(set)).isEqualTo(1);
            assertThat(set.blocks()).hasSize(1);
            Block merged = set.blocks().getFirst();
            BlockMeta meta = merged.meta();
            assertThat(meta.compactionLevel()).isEqualTo(2);
            assertThat(meta.sources()).containsExactlyInAnyOrderElementsOf(ids);
            assertThat(meta.parents()).containsExactlyElementsOf(ids);
            assertThat(meta.minTime()).isZero();
            assertThat(meta.maxTime()).isEqualTo(3 * H2);
            merged.verify();
            try (Querier q = set.querier(0, 3 * H2)) {
                assertThat(TestBlocks.selectAll(q)).isEqualTo(before).isEqualTo(TestBlocks.concat(parts));
                assertThat(q.labelNames(0, List.of())).isEqualTo(namesBefore);
                assertThat(q.labelValues("instance", 0, List.of(Matcher.equal("job", "node"))))
                        .isEqualTo(instancesBefore);
            }
        }
        for (String id : ids) {
            assertThat(dir.resolve(id)).doesNotExist();
        }
    }

    @Test
    void queriesRunningDuringCompactionSeeTheSameData() throws Exception {
        List<List<TestSeries>> parts = TestBlocks.consecutive(new Random(77), 9, H2);
        for (int b = 0; b < 9; b++) {
            TestBlocks.write(dir, b * H2, (b + 1) * H2, parts.get(b), OsStorageFiles.INSTANCE);
        }
        List<TestSeries> expected = TestBlocks.concat(parts);
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.atomic.AtomicInteger queries = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.CompletableFuture<Void> reader = java.util.concurrent.CompletableFuture.runAsync(() -> {
                // Bounded: stops when compaction is over, or after 500 queries at most.
                while (queries.get() < 500 && (!done.get() || queries.get() == 0)) {
                    try (Querier q = set.querier(0, 9 * H2)) {
                        assertThat(TestBlocks.selectAll(q)).isEqualTo(expected);
                    }
                    queries.incrementAndGet();
                }
            });
            try {
                assertThat(COMPACTOR.compact(set)).isEqualTo(4);
            } finally {
                done.set(true);
            }
            reader.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(set.blocks()).hasSize(1);
            assertThat(set.blocks().getFirst().meta().compactionLevel()).isEqualTo(3);
        }
    }

    @Test
    void overlappingBlocksAreMergedVerticallyAndEqualTimestampsDeduplicated() throws IOException {
        Labels s = Labels.of("__name__", "m", "job", "x");
        Labels onlyLate = Labels.of("__name__", "m", "job", "late");
        // Block A [0, 2h): samples every 10 s; block B [1h, 3h): every 15 s, overlapping A's second hour.
        TestSeries a = series(s, 0, 7_200_000, 10_000, 1.0);
        TestSeries b = series(s, 3_600_000, 10_800_000, 15_000, 2.0);
        TestSeries late = series(onlyLate, 3_600_000, 10_800_000, 60_000, 3.0);
        TestBlocks.write(dir, 0, H2, List.of(a), OsStorageFiles.INSTANCE);
        TestBlocks.write(dir, 3_600_000, 3_600_000 + H2, List.of(late, b), OsStorageFiles.INSTANCE);
        List<TestSeries> expected = List.of(late, dedup(a, b));
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            try (Querier q = set.querier(0, 3 * H2)) {
                assertThat(TestBlocks.selectAll(q)).as("merged at query time").isEqualTo(expected);
            }
            assertThat(COMPACTOR.compactOnce(set)).isPresent();
            assertThat(set.blocks()).hasSize(1);
            assertThat(set.blocks().getFirst().meta().minTime()).isZero();
            assertThat(set.blocks().getFirst().meta().maxTime()).isEqualTo(3_600_000 + H2);
            try (Querier q = set.querier(0, 3 * H2)) {
                assertThat(TestBlocks.selectAll(q)).as("merged on disk").isEqualTo(expected);
            }
        }
    }

    @Test
    void tombstonesAreAppliedWhenBlocksAreMerged() throws IOException {
        List<List<TestSeries>> parts = TestBlocks.consecutive(new Random(33), 3, H2);
        for (int b = 0; b < 3; b++) {
            TestBlocks.write(dir, b * H2, (b + 1) * H2, parts.get(b), OsStorageFiles.INSTANCE);
        }
        List<Matcher> node = List.of(Matcher.equal("job", "node"));
        List<Matcher> up = List.of(Matcher.metricName("up"));
        long from = H2 + 1_000_000;
        long to = 2 * H2 + 500_000;
        List<TestSeries> expected = new ArrayList<>();
        for (TestSeries s : TestBlocks.concat(parts)) {
            if (TestData.matchesAll(s.labels(), up)) {
                continue;
            }
            TestSeries kept = TestData.matchesAll(s.labels(), node) ? s.without(from, to) : s;
            if (kept.size() > 0) {
                expected.add(kept);
            }
        }
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            for (Block b : set.blocks()) {
                b.addTombstones(node, from, to);
                b.addTombstones(up, Long.MIN_VALUE, Long.MAX_VALUE);
            }
            try (Querier q = set.querier(0, 3 * H2)) {
                assertThat(TestBlocks.selectAll(q)).as("hidden by tombstones").isEqualTo(expected);
            }
            COMPACTOR.compact(set);
            Block merged = set.blocks().getFirst();
            assertThat(set.blocks()).hasSize(1);
            assertThat(merged.tombstones().isEmpty()).isTrue();
            assertThat(merged.meta().numSamples()).isEqualTo(expected.stream().mapToLong(TestSeries::size).sum());
            assertThat(merged.index().labelValues("__name__")).doesNotContain("up");
            merged.verify();
            try (Querier q = set.querier(0, 3 * H2)) {
                assertThat(TestBlocks.selectAll(q)).as("dropped from disk").isEqualTo(expected);
            }
        }
    }

    @Test
    void blockWithManyDeletesIsRewrittenAlone() throws IOException {
        List<TestSeries> series = TestData.randomSeries(new Random(8), 40, 0, H2);
        TestBlocks.write(dir, 0, H2, series, OsStorageFiles.INSTANCE);
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            Block original = set.blocks().getFirst();
            original.addTombstones(List.of(Matcher.equal("job", "api")), 0, H2 / 2);
            List<TestSeries> expected;
            try (Querier q = set.querier(0, H2)) {
                expected = TestBlocks.selectAll(q);
            }
            assertThat(COMPACTOR.compactOnce(set)).isPresent();
            Block rewritten = set.blocks().getFirst();
            assertThat(rewritten.meta().sources()).isEqualTo(original.meta().sources());
            assertThat(rewritten.meta().compactionLevel()).isEqualTo(2);
            assertThat(rewritten.tombstones().isEmpty()).isTrue();
            assertThat(rewritten.meta().numSamples()).isLessThan(original.meta().numSamples());
            try (Querier q = set.querier(0, H2)) {
                assertThat(TestBlocks.selectAll(q)).isEqualTo(expected);
            }
            assertThat(COMPACTOR.compactOnce(set)).as("nothing left to do").isEmpty();
        }
    }

    @Test
    void mergedBlockWhoseParentsSurvivedACrashIsRepairedAtOpen() throws IOException {
        List<List<TestSeries>> parts = TestBlocks.consecutive(new Random(44), 3, H2);
        List<String> ids = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            ids.add(TestBlocks.write(dir, b * H2, (b + 1) * H2, parts.get(b), OsStorageFiles.INSTANCE).id());
        }
        BlockMeta merged;
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            // The merged block is written, then the process "dies" before the parents are deleted.
            merged = COMPACTOR.merge(dir, set.blocks());
        }
        assertThat(ids).allSatisfy(id -> assertThat(dir.resolve(id)).exists());
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE); Querier q = set.querier(0, 3 * H2)) {
            assertThat(set.blocks()).extracting(b -> b.meta().id()).containsExactly(merged.id());
            assertThat(TestBlocks.selectAll(q)).isEqualTo(TestBlocks.concat(parts));
        }
        assertThat(ids).allSatisfy(id -> assertThat(dir.resolve(id)).doesNotExist());
    }

    static Stream<Arguments> injectedFailures() {
        return Stream.of(
                Arguments.of(FailingStorageFiles.Operation.OPEN, 1),
                Arguments.of(FailingStorageFiles.Operation.OPEN, 3),
                Arguments.of(FailingStorageFiles.Operation.FSYNC, 2),
                Arguments.of(FailingStorageFiles.Operation.FSYNC_DIRECTORY, 1),
                Arguments.of(FailingStorageFiles.Operation.RENAME, 1));
    }

    @ParameterizedTest(name = "{0} #{1} fails")
    @MethodSource("injectedFailures")
    void failedCompactionLeavesTheBlocksAsTheyWere(FailingStorageFiles.Operation op, int failAt) throws IOException {
        List<List<TestSeries>> parts = TestBlocks.consecutive(new Random(55), 3, H2);
        for (int b = 0; b < 3; b++) {
            TestBlocks.write(dir, b * H2, (b + 1) * H2, parts.get(b), OsStorageFiles.INSTANCE);
        }
        FailingStorageFiles faulty = new FailingStorageFiles(op, failAt);
        Compactor compactor = new Compactor(faulty, COMPACTOR.planner());
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE)) {
            assertThatThrownBy(() -> compactor.compact(set)).isInstanceOf(IOException.class)
                    .hasMessageContaining("injected failure");
            assertThat(faulty.failed()).isTrue();
            assertThat(set.blocks()).hasSize(3);
        }
        // Whatever the failure left behind, the next start sees one consistent copy of the data.
        try (BlockSet set = BlockSet.open(dir, OsStorageFiles.INSTANCE); Querier q = set.querier(0, 3 * H2)) {
            assertThat(TestBlocks.selectAll(q)).isEqualTo(TestBlocks.concat(parts));
            assertThat(COMPACTOR.compact(set)).isEqualTo(1);
        }
        try (Stream<Path> left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .hasSize(1)
                    .noneMatch(n -> n.endsWith(BlockFiles.TMP_SUFFIX));
        }
    }

    private static TestSeries series(Labels labels, long from, long to, long step, double base) {
        int n = (int) ((to - from + step - 1) / step);
        long[] ts = new long[n];
        double[] vs = new double[n];
        for (int i = 0; i < n; i++) {
            ts[i] = from + i * step;
            vs[i] = base * 1000 + i;
        }
        return new TestSeries(labels, ts, vs);
    }

    /** Union of two series by timestamp; on equal timestamps {@code first} wins. */
    private static TestSeries dedup(TestSeries first, TestSeries second) {
        java.util.TreeMap<Long, Double> merged = new java.util.TreeMap<>();
        for (int i = 0; i < second.size(); i++) {
            merged.put(second.timestamps()[i], second.values()[i]);
        }
        for (int i = 0; i < first.size(); i++) {
            merged.put(first.timestamps()[i], first.values()[i]);
        }
        long[] ts = merged.keySet().stream().mapToLong(Long::longValue).toArray();
        double[] vs = merged.values().stream().mapToDouble(Double::doubleValue).toArray();
        return new TestSeries(first.labels(), ts, vs);
    }
}
