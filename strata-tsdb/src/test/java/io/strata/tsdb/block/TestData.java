package io.strata.tsdb.block;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

/** Random series and brute-force query answers for block tests. */
public final class TestData {
    private TestData() {}

    /** Up to {@code maxSeries} distinct random series, sorted, with samples in {@code [minT, maxT)}. */
    public static List<TestSeries> randomSeries(Random random, int maxSeries, long minT, long maxT) {
        TreeMap<Labels, TestSeries> out = new TreeMap<>();
        int n = 1 + random.nextInt(maxSeries);
        String[] names = {"up", "cpu_seconds_total", "mem_bytes", "disk_io"};
        String[] modes = {"idle", "user", "system", "iowait"};
        for (int i = 0; i < n; i++) {
            Labels labels = Labels.of(
                    "__name__", names[random.nextInt(names.length)],
                    "job", random.nextBoolean() ? "node" : "api",
                    "instance", "10.0.0." + random.nextInt(30) + ":9100",
                    "mode", random.nextInt(3) == 0 ? "" : modes[random.nextInt(modes.length)]);
            out.put(labels, samples(random, labels, minT, maxT));
        }
        return new ArrayList<>(out.values());
    }

    static TestSeries samples(Random random, Labels labels, long minT, long maxT) {
        int count = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(400);
        long[] ts = new long[count];
        double[] vs = new double[count];
        long t = minT + random.nextInt(20_000);
        int n = 0;
        for (int i = 0; i < count && t < maxT; i++) {
            ts[n] = t;
            vs[n++] = switch (random.nextInt(8)) {
                case 0 -> Double.NaN;
                case 1 -> random.nextGaussian() * 1e6;
                default -> Math.floor(random.nextDouble() * 100);
            };
            t += 1 + random.nextInt(random.nextBoolean() ? 15_000 : 60_000);
        }
        return new TestSeries(labels, java.util.Arrays.copyOf(ts, n), java.util.Arrays.copyOf(vs, n));
    }

    /** What a querier must return: matching series with samples in {@code [minT, maxT]}, empty ones dropped. */
    public static List<TestSeries> expected(List<TestSeries> all, List<Matcher> matchers, long minT, long maxT) {
        List<TestSeries> out = new ArrayList<>();
        for (TestSeries s : all) {
            if (matchesAll(s.labels(), matchers)) {
                TestSeries r = s.range(minT, maxT);
                if (r.size() > 0) {
                    out.add(r);
                }
            }
        }
        return out;
    }

    public static boolean matchesAll(Labels labels, List<Matcher> matchers) {
        for (Matcher m : matchers) {
            String v = labels.get(m.name());
            if (!m.matches(v == null ? "" : v)) {
                return false;
            }
        }
        return true;
    }

    /** Everything a select returns, samples drained; series without samples dropped. */
    public static List<TestSeries> select(Querier querier, List<Matcher> matchers) {
        SeriesSet set = querier.select(true, null, matchers);
        List<TestSeries> out = new ArrayList<>();
        while (set.next()) {
            TestSeries s = TestSeries.drain(set.at().labels(), set.at().cursor(null));
            if (s.size() > 0) {
                out.add(s);
            }
        }
        return out;
    }

    /** Labels of every series a select returns, samples not read. */
    public static List<Labels> selectLabels(Querier querier, SelectHints hints, List<Matcher> matchers) {
        SeriesSet set = querier.select(true, hints, matchers);
        List<Labels> out = new ArrayList<>();
        while (set.next()) {
            out.add(set.at().labels());
        }
        return out;
    }

    /** A random matcher list with at least one matcher that does not match the empty string. */
    public static List<Matcher> randomMatchers(Random random) {
        List<Matcher> candidates = List.of(
                Matcher.metricName("up"),
                Matcher.metricName("cpu_seconds_total"),
                Matcher.regex("__name__", "cpu.*|mem_bytes"),
                Matcher.regex("__name__", ".+"),
                Matcher.equal("job", "node"),
                Matcher.notEqual("job", "node"),
                Matcher.regex("instance", "10\\.0\\.0\\.1.*"),
                Matcher.regex("instance", "10.0.0.1.*"),
                Matcher.notRegex("instance", ".*:9100"),
                Matcher.equal("mode", ""),
                Matcher.notEqual("mode", ""),
                Matcher.regex("mode", "idle|user"),
                Matcher.notRegex("mode", "idle|user"),
                Matcher.regex("mode", "|idle"));
        List<Matcher> out = new ArrayList<>();
        int n = 1 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            out.add(candidates.get(random.nextInt(candidates.size())));
        }
        if (out.stream().allMatch(Matcher::matchesEmpty)) {
            out.add(Matcher.regex("__name__", ".+"));
        }
        return out;
    }
}
