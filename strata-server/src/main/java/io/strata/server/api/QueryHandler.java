package io.strata.server.api;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.aggregator.query.NamespaceQueryPlanner;
import io.strata.promql.ast.Expr;
import io.strata.promql.engine.Engine;
import io.strata.promql.engine.Query;
import io.strata.promql.engine.QueryOptions;
import io.strata.promql.engine.QueryResult;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Scalar;
import io.strata.promql.value.StringValue;
import io.strata.promql.value.Value;
import io.strata.server.http.ClientConnection;
import io.strata.server.http.Request;
import io.strata.server.http.Response;
import io.strata.storage.Queryable;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code GET|POST /api/v1/query} and {@code /api/v1/query_range}: parameters checked in
 * Prometheus's order and with its messages, the query run on the request's (virtual) thread and
 * cancelled if the client disconnects, the answer in Prometheus's JSON.
 *
 * <p>Instant: {@code query}, {@code time} (default now), {@code limit}, {@code timeout},
 * {@code lookback_delta}, {@code stats}. Range: {@code query}, {@code start}, {@code end},
 * {@code step} (float seconds or a duration, at most 11,000 points per series), and the same
 * options. {@code limit} keeps the first {@code limit} series of a vector or matrix and adds the
 * warning {@code results truncated due to limit}.
 */
final class QueryHandler {
    /** Prometheus refuses range queries with more points per series than this. */
    static final long MAX_POINTS_PER_SERIES = 11_000;
    /** Prometheus shows this many warnings (and infos), then a count of the rest. */
    private static final int MAX_ANNOTATIONS = 10;
    /** Answers with more points than this are streamed instead of built in memory first. */
    private static final long STREAMING_POINTS = 20_000;

    /** Response header naming the namespaces that served a query, the chosen one first. */
    static final String NAMESPACES_HEADER = "Strata-Namespaces";
    /** Request header pinning a namespace (name or policy); the {@code namespace} parameter does the same. */
    static final String NAMESPACE_PIN_HEADER = "Strata-Namespace";

    private final Engine engine;
    private final Queryable storage;
    private final InstantSource clock;
    private final Supplier<NamespaceQueryPlanner> planner;

    QueryHandler(Engine engine, Queryable storage, InstantSource clock, Supplier<NamespaceQueryPlanner> planner) {
        this.engine = engine;
        this.storage = storage;
        this.clock = clock;
        this.planner = planner;
    }

    /** A prepared query and the namespaces it reads (empty without namespaces configured). */
    private record Planned(Query query, List<String> namespaces) {}

    /**
     * Re-prepares {@code query} on the namespace the planner chooses for it, or keeps it as it is
     * when no aggregated namespace is configured and none is pinned.
     */
    private Planned plan(Request request, Query query, long start, QueryOptions options, Replanner replan) {
        NamespaceQueryPlanner p = planner.get();
        String pin = request.param("namespace");
        if (pin == null || pin.isEmpty()) {
            pin = request.header(NAMESPACE_PIN_HEADER);
        }
        if (p == null || (!p.hasAggregated() && (pin == null || pin.isEmpty()))) {
            return new Planned(query, List.of());
        }
        NamespaceQueryPlanner.Plan plan;
        try {
            plan = p.plan(query.expr(), start, options.lookbackDeltaMs(), pin);
        } catch (IllegalArgumentException e) {
            throw ApiParams.invalidParameter("namespace", e.getMessage());
        }
        if (plan.namespaces().size() == 1) {
            return new Planned(query, plan.namespaces()); // raw: the query as prepared reads it already
        }
        QueryOptions planned = new QueryOptions(plan.lookbackMs(), options.timeoutMs(), options.collectStats());
        return new Planned(prepare(() -> replan.prepare(plan.queryable(), plan.expr(), planned)), plan.namespaces());
    }

    @FunctionalInterface
    private interface Replanner {
        Query prepare(Queryable queryable, Expr expr, QueryOptions options);
    }

    Response instant(Request request) {
        int limit = ApiParams.limit(request);
        long time = ApiParams.time(request, "time", clock.millis());
        QueryOptions options = options(request);
        String text = queryText(request);
        Query query = prepare(() -> engine.instantQuery(storage, text, time, options));
        Planned planned = plan(request, query, time, options,
                (q, expr, o) -> engine.instantQuery(q, expr, text, time, o));
        return run(request, planned, limit);
    }

    Response range(Request request) {
        int limit = ApiParams.limit(request);
        long start = requiredTime(request, "start");
        long end = requiredTime(request, "end");
        if (end < start) {
            throw ApiParams.invalidParameter("end", "end timestamp must not be before start time");
        }
        long stepNanos = duration(request, "step");
        // A step under a millisecond is zero for an engine that counts milliseconds.
        long stepMs = stepNanos / 1_000_000;
        if (stepNanos <= 0 || stepMs == 0) {
            throw ApiParams.invalidParameter("step",
                    "zero or negative query resolution step widths are not accepted. Try a positive integer");
        }
        if (pointsPerSeries(start, end, stepNanos) > MAX_POINTS_PER_SERIES) {
            throw new StrataException(ErrorCode.BAD_DATA, "exceeded maximum resolution of 11,000 points per timeseries."
                    + " Try decreasing the query resolution (?step=XX)");
        }
        QueryOptions options = options(request);
        String text = queryText(request);
        Query query = prepare(() -> engine.rangeQuery(storage, text, start, end, stepMs, options));
        Planned planned = plan(request, query, start, options,
                (q, expr, o) -> engine.rangeQuery(q, expr, text, start, end, stepMs, o));
        return run(request, planned, limit);
    }

    /**
     * Go's {@code end.Sub(start) / step}: the difference saturates at the int64 range of
     * nanoseconds before the integer division.
     */
    static long pointsPerSeries(long startMs, long endMs, long stepNanos) {
        long diffNanos;
        try {
            long diffMs = Math.subtractExact(endMs, startMs);
            diffNanos = diffMs > Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE : diffMs * 1_000_000;
        } catch (ArithmeticException e) {
            diffNanos = Long.MAX_VALUE; // end is after start here, so only the positive side overflows
        }
        return diffNanos / stepNanos;
    }

    private static long requiredTime(Request request, String name) {
        String value = request.param(name);
        try {
            return ApiParams.parseTime(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw ApiParams.invalidParameter(name, e.getMessage());
        }
    }

    private static long duration(Request request, String name) {
        String value = request.param(name);
        try {
            return ApiParams.durationNanos(value == null ? "" : value);
        } catch (IllegalArgumentException e) {
            throw ApiParams.invalidParameter(name, e.getMessage());
        }
    }

    /** {@code timeout}, {@code lookback_delta} and {@code stats}, checked in that order as in Prometheus. */
    private static QueryOptions options(Request request) {
        long timeoutMs = 0;
        String timeout = request.param("timeout");
        if (timeout != null && !timeout.isEmpty()) {
            // Go's expired deadline fails the query at once; the shortest timeout the engine
            // takes is a millisecond (0 would mean its default).
            timeoutMs = Math.max(1, ceilMillis(duration(request, "timeout")));
        }
        long lookbackMs = 0;
        String lookback = request.param("lookback_delta");
        if (lookback != null && !lookback.isEmpty()) {
            try {
                lookbackMs = Math.max(0, ApiParams.durationNanos(lookback) / 1_000_000);
            } catch (IllegalArgumentException e) {
                throw new StrataException(ErrorCode.BAD_DATA, "error parsing lookback delta duration: " + e.getMessage());
            }
        }
        return new QueryOptions(lookbackMs, timeoutMs, "all".equals(request.param("stats")));
    }

    private static long ceilMillis(long nanos) {
        return nanos <= 0 ? 0 : (nanos - 1) / 1_000_000 + 1;
    }

    private static String queryText(Request request) {
        String text = request.param("query");
        return text == null ? "" : text;
    }

    /** Parse and type errors, and what else the engine refuses before running, name the parameter. */
    private static Query prepare(Supplier<Query> prepare) {
        try {
            return prepare.get();
        } catch (StrataException e) {
            if (e.code() == ErrorCode.BAD_DATA) {
                throw ApiParams.invalidParameter("query", e.getMessage());
            }
            throw e;
        }
    }

    private static Response run(Request request, Planned planned, int limit) {
        Response response = run(request, planned.query(), limit, planned.namespaces());
        return planned.namespaces().isEmpty() ? response
                : response.withHeader(NAMESPACES_HEADER, String.join(",", planned.namespaces()));
    }

    private static Response run(Request request, Query query, int limit, List<String> namespaces) {
        QueryResult result;
        try (ClientConnection.Registration cancelOnDisconnect = request.onClientGone(query::cancel)) {
            result = query.execute();
        }
        Value value = result.value();
        List<String> warnings = new ArrayList<>(result.warnings());
        if (limit > 0) {
            Value truncated = truncate(value, limit);
            if (truncated != value) {
                value = truncated;
                warnings.add(SeriesHandler.TRUNCATED);
            }
        }
        String statsParam = request.param("stats");
        boolean withStats = statsParam != null && !statsParam.isEmpty();
        Value answer = value;
        ApiJson.DataWriter data = g -> QueryResultJson.write(g, answer, withStats ? result.stats() : null, namespaces);
        List<String> shownWarnings = capped(warnings, "warning");
        List<String> shownInfos = capped(result.infos(), "info");
        if (points(answer) > STREAMING_POINTS) {
            return Response.streamed(200, Response.JSON, Map.of(),
                    out -> ApiJson.writeSuccess(out, data, shownWarnings, shownInfos));
        }
        return Response.json(200, ApiJson.success(data, shownWarnings, shownInfos));
    }

    /** The first {@code limit} series of a vector or matrix; other values, and short ones, as they are. */
    private static Value truncate(Value value, int limit) {
        return switch (value) {
            case InstantVector v when v.samples().size() > limit -> new InstantVector(v.samples().subList(0, limit));
            case RangeMatrix m when m.series().size() > limit -> new RangeMatrix(m.series().subList(0, limit));
            default -> value;
        };
    }

    /** Prometheus's cap: ten annotations of a kind, then {@code "N more warning annotations omitted"}. */
    static List<String> capped(List<String> annotations, String kind) {
        if (annotations.size() <= MAX_ANNOTATIONS) {
            return annotations;
        }
        List<String> shown = new ArrayList<>(annotations.subList(0, MAX_ANNOTATIONS));
        shown.add((annotations.size() - MAX_ANNOTATIONS) + " more " + kind + " annotations omitted");
        return shown;
    }

    private static long points(Value value) {
        return switch (value) {
            case InstantVector v -> v.samples().size();
            case RangeMatrix m -> {
                long n = 0;
                for (RangeSeries s : m.series()) {
                    n += s.pointCount();
                }
                yield n;
            }
            case Scalar s -> 1;
            case StringValue s -> 1;
        };
    }
}
