package io.strata.aggregator.stream;

import io.strata.aggregator.rules.MappingTarget;
import io.strata.aggregator.rules.RollupTarget;
import io.strata.aggregator.rules.SeriesRoute;
import io.strata.model.Labels;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns a series' route into the windows it feeds, and holds the rollup groups those windows
 * share. Targets are built once per series and setup generation; after a reload they are
 * rebuilt, keeping the windows of targets that stayed (so open windows survive) and writing the
 * windows of targets that went away. Thread-safe.
 */
final class TargetRegistry {
    private record GroupKey(AggregatedNamespace namespace, Labels output) {}

    private final Map<GroupKey, RollupGroup> groups = new ConcurrentHashMap<>();

    /** The entry's targets under {@code current}, rebuilt when the setup changed since they were made. */
    SeriesTargets targets(SeriesEntry e, AggregationSetup current, WindowOutput removedTargets) {
        SeriesTargets t = e.targets;
        if (t != null && t.generation() == current.generation()) {
            return t;
        }
        synchronized (e) {
            t = e.targets;
            if (t == null || t.generation() != current.generation()) {
                t = build(e, current, t, removedTargets);
                e.targets = t;
            }
            return t;
        }
    }

    Collection<RollupGroup> groups() {
        return groups.values();
    }

    /** Writes and forgets the groups of namespaces {@code next} no longer has. */
    void dropGroupsOutside(AggregationSetup next, WindowOutput out) {
        for (Map.Entry<GroupKey, RollupGroup> g : groups.entrySet()) {
            if (!next.namespaces().containsValue(g.getKey().namespace())) {
                g.getValue().flushOpen(out);
                groups.remove(g.getKey(), g.getValue());
            }
        }
    }

    private SeriesTargets build(SeriesEntry e, AggregationSetup current, SeriesTargets old, WindowOutput removedTargets) {
        SeriesRoute route = current.route(e.labels);
        List<MappingWindows> mappings = new ArrayList<>(route.mappings().size());
        for (MappingTarget m : route.mappings()) {
            AggregatedNamespace ns = current.namespace(m.namespace());
            MappingWindows reused = old == null ? null : find(old.mappings(), ns, m);
            mappings.add(reused != null ? reused
                    : new MappingWindows(ns, m.output(), m.aggregation(), CounterNames.isCounter(e.labels)));
        }
        if (old != null) {
            for (MappingWindows w : old.mappings()) {
                if (!mappings.contains(w)) {
                    w.flushOpen(removedTargets);
                }
            }
        }
        List<RollupInput> rollups = new ArrayList<>(route.rollups().size());
        for (RollupTarget r : route.rollups()) {
            AggregatedNamespace ns = current.namespace(r.namespace());
            RollupGroup group = groups.computeIfAbsent(new GroupKey(ns, r.output()),
                    k -> new RollupGroup(ns, r.output(), r.kind(), r.aggregation()));
            RollupInput reused = null;
            if (old != null) {
                for (RollupInput in : old.rollups()) {
                    if (in.group() == group) {
                        reused = in;
                    }
                }
            }
            rollups.add(reused != null ? reused : new RollupInput(group, e.id));
        }
        return new SeriesTargets(current.generation(), route, mappings.toArray(new MappingWindows[0]),
                rollups.toArray(new RollupInput[0]));
    }

    private static MappingWindows find(MappingWindows[] old, AggregatedNamespace ns, MappingTarget m) {
        for (MappingWindows w : old) {
            if (w.namespace() == ns && w.type() == m.aggregation() && w.output().equals(m.output())) {
                return w;
            }
        }
        return null;
    }
}
