package io.strata.bench.query;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything one {@code strata bench query} run needs, validated.
 *
 * @param targets servers to compare, in report order; names unique
 * @param queries the queries to run, from {@link QuerySuite}
 * @param kinds instant, range or both
 * @param warmup unmeasured runs of every query on every target before measuring
 * @param iterations measured runs of every query on every target
 * @param timeout per request
 * @param maxDuration bound on the whole run, waiting and measuring; what is left is not run and the run fails
 * @param awaits conditions every target must meet before measuring
 * @param awaitTimeout how long to wait for them on each target
 * @param baseline name of the target the others are compared with in the table, or {@code null}
 * @param json file the results are appended to as JSON lines, or {@code null}
 * @param tags key/values copied into every JSON line (dataset size, versions, ...)
 */
public record QueryConfig(
        List<Target> targets,
        List<BenchmarkQuery> queries,
        List<QueryKind> kinds,
        QueryWindow window,
        int warmup,
        int iterations,
        Duration timeout,
        Duration maxDuration,
        List<AwaitCondition> awaits,
        Duration awaitTimeout,
        String baseline,
        Path json,
        Map<String, String> tags) {

    public static final int MAX_ITERATIONS = 10_000;

    public QueryConfig {
        targets = List.copyOf(targets);
        queries = List.copyOf(queries);
        kinds = List.copyOf(kinds);
        awaits = List.copyOf(awaits);
        tags = Map.copyOf(tags);
        Objects.requireNonNull(window, "window");
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("give at least one --target NAME=URL");
        }
        Set<String> names = new HashSet<>();
        for (Target t : targets) {
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("--target names must be unique [name=" + t.name() + "]");
            }
        }
        if (queries.isEmpty() || kinds.isEmpty()) {
            throw new IllegalArgumentException("nothing to run: --queries and --kinds select no query");
        }
        check(iterations >= 1 && iterations <= MAX_ITERATIONS, "--iterations", iterations, "between 1 and " + MAX_ITERATIONS);
        check(warmup >= 0 && warmup <= MAX_ITERATIONS, "--warmup", warmup, "between 0 and " + MAX_ITERATIONS);
        check(timeout.toMillis() >= 1, "--timeout", timeout, "positive");
        check(maxDuration.toMillis() >= 1, "--max-duration", maxDuration, "positive");
        check(!awaitTimeout.isNegative(), "--await-timeout", awaitTimeout, "zero or more");
        if (baseline != null && !names.contains(baseline)) {
            throw new IllegalArgumentException("--baseline must name a --target [value=" + baseline + ", targets=" + names + "]");
        }
    }

    private static void check(boolean ok, String flag, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException(flag + " must be " + rule + " [value=" + value + "]");
        }
    }

    /** Requests the run sends when nothing times out: warm-up and measured runs of every query, kind and target. */
    public long plannedRequests() {
        return (long) (warmup + iterations) * queries.size() * kinds.size() * targets.size();
    }
}
