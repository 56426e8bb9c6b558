package io.strata.aggregator.query;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.promql.ast.Expr;
import io.strata.storage.Querier;
import io.strata.storage.Queryable;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses the namespace a query reads. The raw namespace while its retention covers everything the
 * query reads; otherwise the finest aggregated namespace whose retention covers it (the one that
 * reaches furthest back when none does). An aggregated choice reads through a seam into raw for
 * the windows not written yet, widens range selectors shorter than two windows, and looks back at
 * least two windows for instant selectors. A request may pin a namespace by name or policy.
 *
 * <p>Immutable; a reload builds a new planner.
 */
public final class NamespaceQueryPlanner {
    /** A namespace and the store to read it from. */
    public record Namespace(NamespaceSpec spec, Queryable store) {}

    /**
     * What to run.
     *
     * @param queryable the store(s) to read
     * @param expr the expression, widened when an aggregated namespace serves it
     * @param lookbackMs the lookback delta to use, 0 for the engine's default
     * @param namespaces names of the namespaces read, the chosen one first
     */
    public record Plan(Queryable queryable, Expr expr, long lookbackMs, List<String> namespaces) {}

    private final Namespace raw;
    private final List<Namespace> aggregated; // finest resolution first
    private final InstantSource clock;
    private final long defaultLookbackMs;

    public NamespaceQueryPlanner(Namespace raw, List<Namespace> aggregated, InstantSource clock, long defaultLookbackMs) {
        this.raw = raw;
        List<Namespace> sorted = new ArrayList<>(aggregated);
        sorted.sort(Comparator.comparingLong((Namespace n) -> n.spec().resolutionMillis())
                .thenComparingLong(n -> n.spec().retentionMillis()));
        this.aggregated = List.copyOf(sorted);
        this.clock = clock;
        this.defaultLookbackMs = defaultLookbackMs;
    }

    /** Whether there is anything to choose: false with only the raw namespace. */
    public boolean hasAggregated() {
        return !aggregated.isEmpty();
    }

    /**
     * @param start first evaluation time (ms)
     * @param lookbackMs the request's lookback delta, 0 for the default
     * @param pin a namespace name or policy ({@code 1m:90d}) to read, or null to choose
     * @throws IllegalArgumentException when {@code pin} names no namespace
     */
    public Plan plan(Expr expr, long start, long lookbackMs, String pin) {
        Namespace chosen = pin == null || pin.isEmpty()
                ? choose(start - ExprReach.reach(expr, lookbackMs == 0 ? defaultLookbackMs : lookbackMs))
                : pinned(pin);
        if (chosen == raw) {
            return new Plan(raw.store(), expr, lookbackMs, List.of(raw.spec().name()));
        }
        long window = chosen.spec().resolutionMillis();
        long lookback = Math.max(lookbackMs == 0 ? defaultLookbackMs : lookbackMs, 2 * window);
        return new Plan(seam(chosen, lookback), ExprReach.widen(expr, 2 * window), lookback,
                List.of(chosen.spec().name(), raw.spec().name()));
    }

    /**
     * The store a read from {@code minTime} on goes to, by the same choice as queries: for the
     * series, labels and remote-read APIs, which have a time range but no expression.
     */
    public Queryable queryableFrom(long minTime) {
        Namespace chosen = choose(minTime);
        return chosen == raw ? raw.store() : seam(chosen, 2 * chosen.spec().resolutionMillis());
    }

    private Queryable seam(Namespace chosen, long lookback) {
        long horizon = 3 * (chosen.spec().resolutionMillis() + chosen.spec().latenessMillis()) + lookback;
        return (min, max) -> {
            long rawFrom = Math.max(min, clock.millis() - horizon);
            if (max < rawFrom) {
                return chosen.store().querier(min, max); // all of it long written: no seam
            }
            Querier agg = chosen.store().querier(min, Long.MAX_VALUE);
            return new SeamQuerier(agg, raw.store().querier(rawFrom, max), max, chosen.spec().resolutionMillis());
        };
    }

    private Namespace choose(long earliest) {
        long now = clock.millis();
        if (aggregated.isEmpty() || earliest >= now - raw.spec().retentionMillis()) {
            return raw;
        }
        Namespace longest = aggregated.get(0);
        for (Namespace n : aggregated) {
            if (earliest >= now - n.spec().retentionMillis()) {
                return n;
            }
            if (n.spec().retentionMillis() > longest.spec().retentionMillis()) {
                longest = n;
            }
        }
        return longest;
    }

    private Namespace pinned(String pin) {
        if (raw.spec().name().equals(pin) || raw.spec().policy().toString().equals(pin)) {
            return raw;
        }
        List<String> known = new ArrayList<>();
        known.add(raw.spec().name());
        for (Namespace n : aggregated) {
            if (n.spec().name().equals(pin) || n.spec().policy().toString().equals(pin)) {
                return n;
            }
            known.add(n.spec().name());
        }
        throw new IllegalArgumentException("unknown namespace \"" + pin + "\"; namespaces are " + String.join(", ", known));
    }
}
