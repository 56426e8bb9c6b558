package io.strata.testing.promql;

import com.google.re2j.Pattern;
import io.strata.model.StrataException;
import io.strata.promql.ast.Expr;
import io.strata.promql.engine.QueryResult;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Scalar;
import io.strata.storage.Queryable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one eval the way upstream's runner does (FORMAT.md sections 8 to 10) and returns the
 * first failure. An instant eval is checked by its base query and, with extra runs on, by the
 * {@code @} re-runs at other times and by a range query around each evaluation time.
 */
final class EvalExecutor {
    /** Queries whose result depends on the query's own range cannot be compared with a range re-run. */
    private static final Pattern QUERY_CONTEXT_FUNCTIONS = Pattern.compile("(start|end|range|step)\\(\\)");
    private static final long RANGE_MODE_MARGIN_MS = 60_000;

    private final QueryFunction queries;
    private final Function<Expr, String> printer;
    private final boolean extraRuns;

    /**
     * @param printer prints a rewritten expression for the {@code @} re-runs (upstream re-prints the AST)
     * @param extraRuns whether to make the {@code @} and range-mode re-runs
     */
    EvalExecutor(QueryFunction queries, Function<Expr, String> printer, boolean extraRuns) {
        this.queries = queries;
        this.printer = printer;
        this.extraRuns = extraRuns;
    }

    Optional<EvalFailure> run(EvalCommand cmd, Queryable storage) {
        if (cmd.range()) {
            String run = "range query from " + time(cmd.startMs()) + " to " + time(cmd.endMs()) + " step "
                    + PromDuration.format(cmd.stepMs());
            Outcome o = query(() -> queries.range(storage, cmd.expr(), cmd.startMs(), cmd.endMs(), cmd.stepMs()));
            return checkOutcome(cmd, run, o);
        }
        for (InstantRun r : instantRuns(cmd)) {
            Optional<EvalFailure> failure = runInstant(cmd, r, storage);
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    private record InstantRun(String label, String expr, long timeMs) {}

    private List<InstantRun> instantRuns(EvalCommand cmd) {
        List<InstantRun> runs = new ArrayList<>();
        runs.add(new InstantRun("instant query at " + time(cmd.evalTimeMs()), cmd.expr(), cmd.evalTimeMs()));
        if (!extraRuns) {
            return runs;
        }
        Optional<Expr> pinned = AtModifierRewrite.rewrite(cmd.parsed(), cmd.evalTimeMs());
        if (pinned.isEmpty()) {
            return runs;
        }
        String text = printer.apply(pinned.get());
        long t = cmd.evalTimeMs();
        long[] times = t == 0 ? new long[] {-1000, 0, 1000} : new long[] {-10 * t, 0, t / 5, t, 10 * t};
        for (long at : times) {
            runs.add(new InstantRun("@ re-run \"" + text + "\" at " + time(at), text, at));
        }
        return runs;
    }

    private Optional<EvalFailure> runInstant(EvalCommand cmd, InstantRun r, Queryable storage) {
        Outcome o = query(() -> queries.instant(storage, r.expr(), r.timeMs()));
        Optional<EvalFailure> failure = checkOutcome(cmd, r.label(), o);
        if (failure.isPresent() || o.result() == null) {
            return failure; // failed, or failed as expected: nothing more to check
        }
        if (!extraRuns || cmd.excludedFromRangeMode() || QUERY_CONTEXT_FUNCTIONS.matcher(r.expr()).find()) {
            return Optional.empty();
        }
        long t = r.timeMs();
        String run = r.label() + ", range mode (range query from " + time(t - RANGE_MODE_MARGIN_MS) + " to "
                + time(t + RANGE_MODE_MARGIN_MS) + " step 1m)";
        Outcome ranged = query(() -> queries.range(
                storage, r.expr(), t - RANGE_MODE_MARGIN_MS, t + RANGE_MODE_MARGIN_MS, RANGE_MODE_MARGIN_MS));
        if (ranged.crash() != null) {
            return fail(run, "the engine crashed: " + describe(ranged.crash()), ResultText.expected(cmd), "a crash");
        }
        if (ranged.error() != null) {
            return fail(run, "the range query failed", ResultText.expected(cmd), "error: " + ranged.error().getMessage());
        }
        if (cmd.expectsOrder()) {
            return Optional.empty(); // a range result is always sorted by labels: order cannot be compared
        }
        if (!(ranged.result().value() instanceof RangeMatrix matrix)) {
            return fail(run, "a range query must return a matrix", ResultText.expected(cmd),
                    ResultText.value(ranged.result().value()));
        }
        Optional<String> unsorted = ResultComparison.unsortedPair(matrix);
        if (unsorted.isPresent()) {
            return fail(run, unsorted.get(), ResultText.expected(cmd), ResultText.value(matrix));
        }
        List<Sample> atT = pointsAt(matrix, t);
        Optional<String> problem;
        if (o.result().value() instanceof Scalar) {
            if (atT.isEmpty()) {
                return fail(run, "the range query has no point at " + time(t), ResultText.expected(cmd),
                        ResultText.value(matrix));
            }
            problem = ResultComparison.compare(cmd, new Scalar(t, atT.getFirst().value()));
        } else {
            problem = ResultComparison.compare(cmd, new InstantVector(atT));
        }
        return problem.flatMap(p -> fail(run, p, ResultText.expected(cmd), ResultText.vector(atT)));
    }

    /** The vector the range result gives at {@code t}: each series' point at exactly that time. */
    private static List<Sample> pointsAt(RangeMatrix matrix, long t) {
        List<Sample> out = new ArrayList<>();
        for (RangeSeries s : matrix.series()) {
            for (int i = 0; i < s.floatTimestamps().length; i++) {
                if (s.floatTimestamps()[i] == t) {
                    out.add(Sample.ofFloat(s.labels(), t, s.floatValues()[i]));
                    break;
                }
            }
            for (int i = 0; i < s.histogramTimestamps().length; i++) {
                if (s.histogramTimestamps()[i] == t) {
                    out.add(new Sample(s.labels(), t, 0, s.histograms()[i]));
                    break;
                }
            }
        }
        return out;
    }

    /** Errors, then annotations, then the value, as upstream checks them. */
    private Optional<EvalFailure> checkOutcome(EvalCommand cmd, String run, Outcome o) {
        if (o.crash() != null) {
            return fail(run, "the engine crashed: " + describe(o.crash()), ResultText.expected(cmd), "a crash");
        }
        if (o.error() != null) {
            String message = o.error().getMessage();
            if (!cmd.expectsFailure()) {
                return fail(run, "the query failed", ResultText.expected(cmd), "error: " + message);
            }
            return expectedFailure(cmd, message).flatMap(p -> fail(run, p, expectedError(cmd), "error: " + message));
        }
        QueryResult result = o.result();
        if (cmd.expectsFailure()) {
            return fail(run, "expected the query to fail, but it succeeded", expectedError(cmd),
                    ResultText.value(result.value()));
        }
        Optional<String> annotations = AnnotationCheck.check(cmd, result.warnings(), result.infos());
        if (annotations.isPresent()) {
            return fail(run, annotations.get(), expectedAnnotations(cmd),
                    "warnings " + result.warnings() + ", infos " + result.infos());
        }
        return ResultComparison.compare(cmd, result.value())
                .flatMap(p -> fail(run, p, ResultText.expected(cmd), ResultText.value(result.value())));
    }

    private static Optional<String> expectedFailure(EvalCommand cmd, String message) {
        if (cmd.expectedFailMessage() != null && !cmd.expectedFailMessage().isEmpty()
                && !cmd.expectedFailMessage().equals(message)) {
            return Optional.of("expected error \"" + cmd.expectedFailMessage() + "\"");
        }
        if (cmd.expectedFailRegexp() != null && !cmd.expectedFailRegexp().matcher(message).find()) {
            return Optional.of("expected an error matching \"" + cmd.expectedFailRegexp().pattern() + "\"");
        }
        List<Expectation> fail = cmd.expectations(Expectation.Type.FAIL);
        if (!fail.isEmpty() && !fail.getFirst().matches(message)) {
            return Optional.of("expected an error matching " + fail.getFirst().describe());
        }
        return Optional.empty();
    }

    private static String expectedError(EvalCommand cmd) {
        List<Expectation> fail = cmd.expectations(Expectation.Type.FAIL);
        if (cmd.expectedFailMessage() != null && !cmd.expectedFailMessage().isEmpty()) {
            return "error \"" + cmd.expectedFailMessage() + "\"";
        }
        if (cmd.expectedFailRegexp() != null) {
            return "error matching \"" + cmd.expectedFailRegexp().pattern() + "\"";
        }
        return fail.isEmpty() ? "an error" : "error matching " + fail.getFirst().describe();
    }

    private static String expectedAnnotations(EvalCommand cmd) {
        List<String> parts = new ArrayList<>();
        if (cmd.suffixes().warn()) {
            parts.add("some warning (eval_warn)");
        }
        if (cmd.suffixes().info()) {
            parts.add("some info (eval_info)");
        }
        for (Expectation.Type type : List.of(Expectation.Type.WARN, Expectation.Type.NO_WARN, Expectation.Type.INFO,
                Expectation.Type.NO_INFO)) {
            for (Expectation e : cmd.expectations(type)) {
                String name = type.name().toLowerCase(Locale.ROOT);
                parts.add(type == Expectation.Type.NO_WARN || type == Expectation.Type.NO_INFO ? name
                        : name + " " + e.describe());
            }
        }
        return String.join(", ", parts);
    }

    private static Optional<EvalFailure> fail(String run, String problem, String expected, String got) {
        return Optional.of(new EvalFailure(run, problem, expected, got));
    }

    private static String time(long ms) {
        return PromDuration.format(ms);
    }

    private static String describe(RuntimeException e) {
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /** What one query gave: a result, a query error, or a crash of the engine. */
    private record Outcome(QueryResult result, StrataException error, RuntimeException crash) {}

    private static Outcome query(Supplier<QueryResult> q) {
        try {
            return new Outcome(q.get(), null, null);
        } catch (StrataException e) {
            return new Outcome(null, e, null);
        } catch (RuntimeException e) {
            return new Outcome(null, null, e);
        }
    }
}
