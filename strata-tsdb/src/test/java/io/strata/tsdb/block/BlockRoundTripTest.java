package io.strata.tsdb.block;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.model.Utf8Order;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A block written from random series answers every query like a brute-force scan of the series. */
class BlockRoundTripTest {
    private static final long MIN = 1_700_000_000_000L;
    private static final long MAX = MIN + 7_200_000;

    @TempDir
    Path dir;

    static LongStream seeds() {
        return LongStream.range(0, 12).map(i -> 0x5eed0000L + i);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void answersQueriesLikeBruteForce(long seed) throws IOException {
        Random random = new Random(seed);
        List<TestSeries> all = TestData.randomSeries(random, 80, MIN, MAX);
        List<TestSeries> nonEmpty = all.stream().filter(s -> s.size() > 0).toList();
        BlockMeta meta = BlockWriter.write(dir, MIN, MAX, new TestSeriesSource(all, 1 + random.nextInt(150)),
                OsStorageFiles.INSTANCE);
        assertThat(meta.numSeries()).isEqualTo(nonEmpty.size());
        assertThat(meta.numSamples()).isEqualTo(nonEmpty.stream().mapToLong(TestSeries::size).sum());
        assertThat(meta.compactionLevel()).isEqualTo(1);
        assertThat(meta.sources()).containsExactly(meta.id());

        try (Block block = Block.open(dir.resolve(meta.id()), OsStorageFiles.INSTANCE)) {
            assertThat(block.meta()).isEqualTo(meta);
            block.verify();
            TreeSet<String> names = new TreeSet<>(Utf8Order.INSTANCE);
            nonEmpty.forEach(s -> names.addAll(s.labels().names()));
            assertThat(block.index().labelNames()).containsExactlyElementsOf(names);

            try (Querier q = block.querier(MIN, MAX)) {
                assertThat(TestData.select(q, List.of(Matcher.regex("__name__", ".+")))).isEqualTo(nonEmpty);
            }
            for (int round = 0; round < 25; round++) {
                List<Matcher> matchers = TestData.randomMatchers(random);
                long a = MIN - 1000 + random.nextLong(MAX - MIN + 2000);
                long b = a + random.nextLong(MAX - a + 1000);
                try (Querier q = block.querier(a, b)) {
                    assertThat(TestData.select(q, matchers))
                            .as("select %s in [%d, %d]", matchers, a, b)
                            .isEqualTo(TestData.expected(nonEmpty, matchers, a, b));
                    checkLabelApis(q, nonEmpty, matchers);
                }
            }
            checkSeekAgreesWithLinearScan(block, nonEmpty, random);
        }
    }

    private static void checkLabelApis(Querier q, List<TestSeries> series, List<Matcher> matchers) {
        TreeSet<String> names = new TreeSet<>(Utf8Order.INSTANCE);
        TreeSet<String> modes = new TreeSet<>(Utf8Order.INSTANCE);
        for (TestSeries s : series) {
            if (TestData.matchesAll(s.labels(), matchers)) {
                names.addAll(s.labels().names());
                if (s.labels().get("mode") != null) {
                    modes.add(s.labels().get("mode"));
                }
            }
        }
        assertThat(q.labelNames(0, matchers)).as("names for %s", matchers).containsExactlyElementsOf(names);
        assertThat(q.labelValues("mode", 0, matchers)).as("modes for %s", matchers).containsExactlyElementsOf(modes);
        assertThat(q.labelValues("mode", 1, matchers)).hasSize(Math.min(1, modes.size()));
    }

    private static void checkSeekAgreesWithLinearScan(Block block, List<TestSeries> series, Random random) {
        try (Querier q = block.querier(MIN, MAX)) {
            SeriesSet set = q.select(false, null, List.of(Matcher.regex("__name__", ".+")));
            SampleCursor reuse = null;
            int i = 0;
            while (set.next()) {
                TestSeries expected = series.get(i++);
                long[] ts = expected.timestamps();
                reuse = set.at().cursor(reuse);
                long target = MIN;
                int pos = 0;
                while (true) {
                    target += random.nextInt(90_000);
                    while (pos < ts.length && ts[pos] < target) {
                        pos++;
                    }
                    int kind = reuse.seek(target);
                    if (pos == ts.length) {
                        assertThat(kind).isEqualTo(SampleCursor.NONE);
                        assertThat(reuse.next()).isEqualTo(SampleCursor.NONE);
                        break;
                    }
                    assertThat(kind).isEqualTo(SampleCursor.FLOAT);
                    assertThat(reuse.timestamp()).isEqualTo(ts[pos]);
                    assertThat(Double.doubleToRawLongBits(reuse.value()))
                            .isEqualTo(Double.doubleToRawLongBits(expected.values()[pos]));
                    assertThat(reuse.seek(target - 1)).as("seek never moves backwards").isEqualTo(SampleCursor.FLOAT);
                    assertThat(reuse.timestamp()).isEqualTo(ts[pos]);
                }
            }
            assertThat(i).isEqualTo(series.size());
        }
    }

    @Test
    void limitAndLabelsOnlyHintsAreHonoured() throws IOException {
        List<TestSeries> all = TestData.randomSeries(new Random(7), 50, MIN, MAX);
        BlockMeta meta = BlockWriter.write(dir, MIN, MAX, new TestSeriesSource(all, 120), OsStorageFiles.INSTANCE);
        try (Block block = Block.open(dir.resolve(meta.id()), OsStorageFiles.INSTANCE);
                Querier q = block.querier(MIN, MAX)) {
            List<Labels> firstThree =
                    TestData.selectLabels(q, SelectHints.labelsOnly(MIN, MAX, 3), List.of(Matcher.regex("job", ".+")));
            List<Labels> expected = new ArrayList<>();
            all.stream().filter(s -> s.size() > 0).limit(3).forEach(s -> expected.add(s.labels()));
            assertThat(firstThree).isEqualTo(expected);
        }
    }

    @Test
    void emptySourceWritesAnEmptyReadableBlock() throws IOException {
        BlockMeta meta = BlockWriter.write(dir, MIN, MAX, new TestSeriesSource(List.of(), 120), OsStorageFiles.INSTANCE);
        try (Block block = Block.open(dir.resolve(meta.id()), OsStorageFiles.INSTANCE);
                Querier q = block.querier(MIN, MAX)) {
            block.verify();
            assertThat(meta.numSeries()).isZero();
            assertThat(TestData.select(q, List.of(Matcher.regex("__name__", ".+")))).isEmpty();
            assertThat(q.labelNames(0, List.of())).isEmpty();
            assertThat(q.labelValues("job", 0, List.of())).isEmpty();
        }
    }
}
