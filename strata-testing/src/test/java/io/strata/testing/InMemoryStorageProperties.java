package io.strata.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The fake agrees with a plain sorted-map model of what it should hold. */
class InMemoryStorageProperties {
    private static final Labels[] SERIES = {
        Labels.of("__name__", "a", "i", "0"),
        Labels.of("__name__", "a", "i", "1"),
        Labels.of("__name__", "b", "i", "0"),
    };

    @Property(tries = 100)
    void selectReturnsWhatTheModelHolds(
            @ForAll @Size(max = 60) List<@IntRange(min = 0, max = 2999) Integer> ops,
            @ForAll @IntRange(min = 0, max = 60) int from,
            @ForAll @IntRange(min = 0, max = 60) int length,
            @ForAll @IntRange(min = 1, max = 7) int batchSize) {
        InMemoryStorage storage = new InMemoryStorage();
        Map<Labels, TreeMap<Long, Double>> model = new TreeMap<>();
        Appender app = storage.appender();
        int inBatch = 0;
        Map<Labels, TreeMap<Long, Double>> pending = new TreeMap<>();
        for (int op : ops) {
            Labels l = SERIES[op % 3];
            long t = (op / 3) % 50;
            double v = op / 150; // few distinct values so that duplicates happen
            Double existing = model.getOrDefault(l, new TreeMap<>()).get(t);
            if (existing == null) {
                existing = pending.getOrDefault(l, new TreeMap<>()).get(t);
            }
            AppendStatus expected = existing == null || existing == v ? AppendStatus.OK : AppendStatus.DUPLICATE;
            assertThat(app.append(0, l, t, v)).isEqualTo(expected);
            if (expected.ok()) {
                pending.computeIfAbsent(l, k -> new TreeMap<>()).putIfAbsent(t, v);
            }
            if (++inBatch == batchSize) {
                app.commit();
                pending.forEach((k, m) -> m.forEach((ts, val) -> model.computeIfAbsent(k, x -> new TreeMap<>()).putIfAbsent(ts, val)));
                pending.clear();
                app = storage.appender();
                inBatch = 0;
            }
        }
        app.rollback();

        long min = from;
        long max = from + length;
        StringBuilder expected = new StringBuilder();
        model.forEach((l, samples) -> {
            var in = samples.subMap(min, true, max, true);
            if (!in.isEmpty()) {
                expected.append(l).append(in).append('\n');
            }
        });
        StringBuilder actual = new StringBuilder();
        try (Querier q = storage.querier(min, max)) {
            SeriesSet set = q.select(true, SelectHints.range(min, max), List.of(Matcher.regex("__name__", ".+")));
            while (set.next()) {
                TreeMap<Long, Double> got = new TreeMap<>();
                SampleCursor c = set.at().cursor(null);
                while (c.next() == SampleCursor.FLOAT) {
                    got.put(c.timestamp(), c.value());
                }
                actual.append(set.at().labels()).append(got).append('\n');
            }
        }
        assertThat(actual.toString()).isEqualTo(expected.toString());
    }
}
