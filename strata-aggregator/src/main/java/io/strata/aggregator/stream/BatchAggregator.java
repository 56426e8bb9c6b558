package io.strata.aggregator.stream;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.aggregator.rules.MappingTarget;
import io.strata.aggregator.rules.RollupKind;
import io.strata.aggregator.rules.RollupTarget;
import io.strata.aggregator.rules.SeriesRoute;
import io.strata.model.Labels;
import io.strata.model.SampleValues;
import it.unimi.dsi.fastutil.longs.Long2DoubleOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The aggregator for history (an import): each series comes once, with all its samples in time
 * order, so its windows are cut exactly as the streaming aggregator cuts them, with nothing ever
 * late. Rollups collect every window of every group until {@link #finish()}, since their inputs
 * come one series after another. Single-threaded.
 */
public final class BatchAggregator {
    /** Receives aggregated samples, in no particular order across series. */
    @FunctionalInterface
    public interface Output {
        void write(String namespace, Labels series, long timestamp, double value) throws IOException;
    }

    private record GroupKey(String namespace, Labels output) {}

    /** One rollup output: per window start, the summed increases or each input's last value. */
    private static final class Group {
        final RollupTarget target;
        final long resolution;
        final Long2DoubleOpenHashMap increases = new Long2DoubleOpenHashMap();
        final Long2ObjectOpenHashMap<Long2DoubleOpenHashMap> lastByInput = new Long2ObjectOpenHashMap<>();

        Group(RollupTarget target, long resolution) {
            this.target = target;
            this.resolution = resolution;
        }
    }

    private final Map<String, AggregatedNamespace> namespaces = new HashMap<>();
    private final Map<GroupKey, Group> groups = new LinkedHashMap<>();
    private final Output out;
    private long nextInput;

    /** @param aggregated the aggregated namespaces the routes name */
    public BatchAggregator(List<NamespaceSpec> aggregated, Output out) {
        for (NamespaceSpec spec : aggregated) {
            if (!spec.isRaw()) {
                namespaces.put(spec.name(), new AggregatedNamespace(spec, null));
            }
        }
        this.out = out;
    }

    /** Aggregates one series' whole history ({@code timestamps} ascending) along {@code route}. */
    public void series(SeriesRoute route, Labels labels, long[] timestamps, double[] values, int n) throws IOException {
        WindowOutput emit = (series, end, value) -> {
            try {
                out.write(series.namespace().name(), series.labels(), end, value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try {
            for (MappingTarget m : route.mappings()) {
                MappingWindows w = new MappingWindows(namespace(m.namespace()), m.output(), m.aggregation(),
                        CounterNames.isCounter(labels));
                for (int i = 0; i < n; i++) {
                    w.add(timestamps[i], values[i], 0, emit);
                }
                w.flushOpen(emit);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (RollupTarget r : route.rollups()) {
            long resolution = namespace(r.namespace()).resolutionMillis();
            Group g = groups.computeIfAbsent(new GroupKey(r.namespace(), r.output()), k -> new Group(r, resolution));
            long input = nextInput++;
            double previous = Double.NaN;
            for (int i = 0; i < n; i++) {
                double v = values[i];
                if (SampleValues.isStaleNaN(v) || Double.isNaN(v)) {
                    continue;
                }
                long start = Math.floorDiv(timestamps[i], resolution) * resolution;
                if (r.kind() == RollupKind.COUNTER) {
                    double increase = CounterIncrease.between(previous, v);
                    g.increases.put(start, DecimalMath.add(g.increases.get(start), increase));
                    previous = v;
                } else {
                    Long2DoubleOpenHashMap last = g.lastByInput.get(start);
                    if (last == null) {
                        last = new Long2DoubleOpenHashMap();
                        g.lastByInput.put(start, last);
                    }
                    last.put(input, v);
                }
            }
        }
    }

    /** Writes every rollup's windows. */
    public void finish() throws IOException {
        for (Group g : groups.values()) {
            String ns = g.target.namespace();
            if (g.target.kind() == RollupKind.COUNTER) {
                long[] starts = g.increases.keySet().toLongArray();
                Arrays.sort(starts);
                double total = 0;
                for (long start : starts) {
                    total = DecimalMath.add(total, g.increases.get(start));
                    out.write(ns, g.target.output(), start + g.resolution, total);
                }
            } else {
                long[] starts = g.lastByInput.keySet().toLongArray();
                Arrays.sort(starts);
                WindowAccumulator acc = new WindowAccumulator(g.target.aggregation().isQuantile());
                for (long start : starts) {
                    acc.reset();
                    for (double v : g.lastByInput.get(start).values()) {
                        acc.add(start, v);
                    }
                    out.write(ns, g.target.output(), start + g.resolution, acc.result(g.target.aggregation()));
                }
            }
        }
        groups.clear();
    }

    private AggregatedNamespace namespace(String name) {
        AggregatedNamespace ns = namespaces.get(name);
        if (ns == null) {
            throw new IllegalArgumentException("the rules name namespace " + name + ", which is not configured");
        }
        return ns;
    }
}
