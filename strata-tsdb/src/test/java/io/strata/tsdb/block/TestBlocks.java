package io.strata.tsdb.block;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** Writing blocks of random series over consecutive or overlapping ranges, and reading all of a querier. */
public final class TestBlocks {
    public static final List<Matcher> ALL = List.of(Matcher.regex("__name__", ".+"));

    private TestBlocks() {}

    public static BlockMeta write(Path dir, long minT, long maxT, List<TestSeries> series, StorageFiles files)
            throws IOException {
        return BlockWriter.write(dir, minT, maxT, new TestSeriesSource(series, 100), files);
    }

    /** The samples of several blocks' series joined per labels (ranges must not overlap), sorted. */
    public static List<TestSeries> concat(List<List<TestSeries>> parts) {
        TreeMap<Labels, List<TestSeries>> byLabels = new TreeMap<>();
        for (List<TestSeries> part : parts) {
            for (TestSeries s : part) {
                if (s.size() > 0) {
                    byLabels.computeIfAbsent(s.labels(), l -> new ArrayList<>()).add(s);
                }
            }
        }
        List<TestSeries> out = new ArrayList<>();
        for (Map.Entry<Labels, List<TestSeries>> e : byLabels.entrySet()) {
            List<TestSeries> pieces = new ArrayList<>(e.getValue());
            pieces.sort((a, b) -> Long.compare(a.timestamps()[0], b.timestamps()[0]));
            int n = pieces.stream().mapToInt(TestSeries::size).sum();
            long[] ts = new long[n];
            double[] vs = new double[n];
            int p = 0;
            for (TestSeries s : pieces) {
                System.arraycopy(s.timestamps(), 0, ts, p, s.size());
                System.arraycopy(s.values(), 0, vs, p, s.size());
                p += s.size();
            }
            out.add(new TestSeries(e.getKey(), ts, vs));
        }
        return out;
    }

    /** Random series for consecutive blocks of {@code duration} from 0, sharing most label sets. */
    public static List<List<TestSeries>> consecutive(Random random, int blocks, long duration) {
        List<List<TestSeries>> out = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            out.add(TestData.randomSeries(new Random(random.nextLong()), 40, b * duration, (b + 1) * duration));
        }
        return out;
    }

    public static List<TestSeries> selectAll(Querier q) {
        return TestData.select(q, ALL);
    }
}
