package io.strata.testing;

import io.strata.model.Utf8Order;

import io.strata.storage.CardinalityStats.Count;
import io.strata.storage.CardinalityStats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes {@link CardinalityStats} the way Prometheus's head does, by brute force. Bytes by label
 * name count a value once per series that carries it (value length times series), as
 * current Prometheus versions and Strata's TSDB do.
 */
final class InMemoryCardinality {
    /** Largest count first; ties by name so results are stable (Prometheus leaves ties unordered). */
    private static final Comparator<Count> TOP_FIRST =
            Comparator.comparingLong(Count::value).reversed().thenComparing(Count::name, Utf8Order.INSTANCE);

    private InMemoryCardinality() {}

    static CardinalityStats compute(Collection<MemSeries> allSeries, int topN) {
        long numSeries = 0;
        long minTime = Long.MAX_VALUE;
        long maxTime = Long.MIN_VALUE;
        Map<String, Long> seriesByMetricName = new HashMap<>();
        Map<String, Set<String>> valuesByLabelName = new HashMap<>();
        Map<String, Long> valueBytesByLabelName = new HashMap<>();
        Map<String, Long> seriesByPair = new HashMap<>();
        for (MemSeries s : allSeries) {
            if (s.isEmpty()) {
                continue;
            }
            numSeries++;
            minTime = Math.min(minTime, s.oldestTimestamp());
            maxTime = Math.max(maxTime, s.newestTimestamp());
            String metric = s.labels.metricName();
            if (metric != null) {
                seriesByMetricName.merge(metric, 1L, Long::sum);
            }
            s.labels.forEach((name, value) -> {
                valuesByLabelName.computeIfAbsent(name, n -> new HashSet<>()).add(value);
                valueBytesByLabelName.merge(name, (long) value.getBytes(StandardCharsets.UTF_8).length, Long::sum);
                seriesByPair.merge(name + "=" + value, 1L, Long::sum);
            });
        }
        List<Count> valueCounts = new ArrayList<>();
        valuesByLabelName.forEach((name, values) -> valueCounts.add(new Count(name, values.size())));
        return new CardinalityStats(
                numSeries,
                0,
                minTime,
                maxTime,
                seriesByPair.size(),
                top(seriesByMetricName, topN),
                top(valueCounts, topN),
                top(valueBytesByLabelName, topN),
                top(seriesByPair, topN));
    }

    private static List<Count> top(Map<String, Long> counts, int topN) {
        List<Count> list = new ArrayList<>();
        counts.forEach((name, n) -> list.add(new Count(name, n)));
        return top(list, topN);
    }

    private static List<Count> top(List<Count> list, int topN) {
        list.sort(TOP_FIRST);
        return List.copyOf(list.subList(0, Math.min(topN, list.size())));
    }
}
