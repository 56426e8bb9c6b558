package io.strata.aggregator.stream;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.policy.StoragePolicy;
import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import io.strata.storage.Storage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test helpers: aggregated namespaces over in-memory stores, and reading stores back. */
final class Namespaces {
    static final long MINUTE = 60_000;

    private Namespaces() {}

    static AggregatedNamespace aggregated(String name, long resolution, long lateness, Storage store) {
        return new AggregatedNamespace(new NamespaceSpec(name, new StoragePolicy(resolution, 30L * 24 * 3600 * 1000),
                24 * 3600_000L, 0, lateness), store);
    }

    /** Every series of {@code store} with its samples, sorted by labels. */
    static Map<Labels, List<double[]>> read(Storage store) {
        Map<Labels, List<double[]>> out = new LinkedHashMap<>();
        try (Querier q = store.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            SeriesSet set = q.select(true, SelectHints.range(Long.MIN_VALUE, Long.MAX_VALUE),
                    List.of(Matcher.of(MatchType.REGEX, Labels.METRIC_NAME, ".+")));
            while (set.next()) {
                List<double[]> samples = new ArrayList<>();
                SampleCursor c = set.at().cursor(null);
                while (c.next() == SampleCursor.FLOAT) {
                    samples.add(new double[] {c.timestamp(), c.value()});
                }
                out.put(set.at().labels(), samples);
            }
        }
        return out;
    }

    /** The newest sample of every series of {@code store}, as a TSDB head reports it. */
    static NewestSamples newest(Storage store) {
        return visitor -> read(store).forEach((labels, samples) -> {
            if (!samples.isEmpty()) {
                double[] last = samples.get(samples.size() - 1);
                visitor.visit(labels, (long) last[0], last[1]);
            }
        });
    }
}
