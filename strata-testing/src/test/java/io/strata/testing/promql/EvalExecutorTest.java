package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.VectorSelector;
import io.strata.promql.engine.QueryResult;
import io.strata.promql.engine.QueryStats;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Scalar;
import io.strata.promql.value.StringValue;
import io.strata.promql.value.Value;
import io.strata.storage.Queryable;
import io.strata.testing.InMemoryStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class EvalExecutorTest {
    private static final Labels A = Labels.of("__name__", "m", "job", "a");
    private static final Labels B = Labels.of("__name__", "m", "job", "b");
    /** Prints a pinned selector as name@ms, enough to see which text each re-run used. */
    private static final Function<Expr, String> PRINTER =
            e -> ((VectorSelector) e).name() + "@" + ((VectorSelector) e).at().timestampMs();

    private final InMemoryStorage storage = new InMemoryStorage();

    @Test
    void anInstantEvalIsReRunPinnedAtOtherTimesAndInRangeMode() {
        FakeQueries q = new FakeQueries(t -> vectorAt(1));
        EvalCommand cmd = EvalFixture.instant("m", 100_000).series(A, "1").build();
        assertThat(new EvalExecutor(q, PRINTER, true).run(cmd, storage)).isEmpty();
        assertThat(q.calls).containsExactly(
                "instant m at 100000", "range m 40000..160000/60000",
                "instant m@100000 at -1000000", "range m@100000 -1060000..-940000/60000",
                "instant m@100000 at 0", "range m@100000 -60000..60000/60000",
                "instant m@100000 at 20000", "range m@100000 -40000..80000/60000",
                "instant m@100000 at 100000", "range m@100000 40000..160000/60000",
                "instant m@100000 at 1000000", "range m@100000 940000..1060000/60000");
    }

    @Test
    void atTimeZeroTheReRunsAreOneSecondEitherSide() {
        FakeQueries q = new FakeQueries(t -> vectorAt(1));
        EvalCommand cmd = EvalFixture.instant("m", 0).series(A, "1").build();
        new EvalExecutor(q, PRINTER, true).run(cmd, storage);
        assertThat(q.calls).filteredOn(c -> c.startsWith("instant m@"))
                .containsExactly("instant m@0 at -1000", "instant m@0 at 0", "instant m@0 at 1000");
    }

    @Test
    void withoutExtraRunsOnlyTheBaseQueryRuns() {
        FakeQueries q = new FakeQueries(t -> vectorAt(1));
        EvalCommand cmd = EvalFixture.instant("m", 100_000).series(A, "1").build();
        assertThat(new EvalExecutor(q, PRINTER, false).run(cmd, storage)).isEmpty();
        assertThat(q.calls).containsExactly("instant m at 100000");
    }

    @Test
    void aFailingReRunIsNamedInTheFailure() {
        // The pinned query answers differently at time 0: the report must say which run that was.
        FakeQueries q = new FakeQueries(t -> t.startsWith("instant m@100000 at 0") ? vectorAt(2) : vectorAt(1));
        EvalCommand cmd = EvalFixture.instant("m", 100_000).series(A, "1").build();
        EvalFailure f = new EvalExecutor(q, PRINTER, true).run(cmd, storage).orElseThrow();
        assertThat(f.run()).isEqualTo("@ re-run \"m@100000\" at 0s");
        assertThat(f.problem()).isEqualTo("expected 1 for m{job=\"a\"} but got 2");
        assertThat(f.expected()).isEqualTo("m{job=\"a\"} 1");
        assertThat(f.got()).isEqualTo("m{job=\"a\"} 2");
    }

    @Test
    void theRangeModeReRunTakesThePointAtTheEvaluationTime() {
        FakeQueries q = new FakeQueries(t -> t.startsWith("range m ")
                ? new RangeMatrix(List.of(RangeSeries.ofFloats(A, new long[] {40_000, 100_000},
                        new double[] {1, 5})))
                : vectorAt(1));
        EvalCommand cmd = EvalFixture.instant("m", 100_000).series(A, "1").build();
        EvalFailure f = new EvalExecutor(q, PRINTER, true).run(cmd, storage).orElseThrow();
        assertThat(f.run()).isEqualTo("instant query at 1m40s, range mode (range query from 40s to 2m40s step 1m)");
        assertThat(f.problem()).isEqualTo("expected 1 for m{job=\"a\"} but got 5");
    }

    @Test
    void orderedEvalsSkipTheOrderCheckInRangeMode() {
        FakeQueries q = new FakeQueries(t -> t.startsWith("range")
                ? new RangeMatrix(List.of(RangeSeries.ofFloats(B, new long[] {0}, new double[] {2})))
                : new InstantVector(List.of(Sample.ofFloat(A, 0, 1))));
        EvalCommand cmd = EvalFixture.instant("m", 0).expect(Expectation.Type.ORDERED).series(A, "1").build();
        assertThat(new EvalExecutor(q, PRINTER, true).run(cmd, storage)).isEmpty();
    }

    @Test
    void aScalarResultIsComparedInRangeModeAsAScalar() {
        EvalCommand cmd = EvalFixture.instant("m", 0).scalar(42).build();
        FakeQueries same = new FakeQueries(t -> t.startsWith("range") ? scalarSeries(42) : new Scalar(0, 42));
        assertThat(new EvalExecutor(same, PRINTER, true).run(cmd, storage)).isEmpty();
        FakeQueries differs = new FakeQueries(t -> t.startsWith("range") ? scalarSeries(41) : new Scalar(0, 42));
        assertThat(new EvalExecutor(differs, PRINTER, true).run(cmd, storage).orElseThrow().problem())
                .isEqualTo("expected scalar 42 but got 41");
    }

    private static Value scalarSeries(double v) {
        return new InstantVector(List.of(Sample.ofFloat(Labels.EMPTY, 0, v)));
    }

    @Test
    void stringAndRangeVectorEvalsAreNotReRunInRangeMode() {
        FakeQueries q = new FakeQueries(t -> new StringValue(0, "x"));
        EvalCommand cmd = EvalFixture.instant("m", 0).string("x").build();
        assertThat(new EvalExecutor(q, PRINTER, true).run(cmd, storage)).isEmpty();
        assertThat(q.calls).noneMatch(c -> c.startsWith("range"));
    }

    @Test
    void anExpectedErrorIsComparedWithTheEngineMessage() {
        FakeQueries q = new FakeQueries(t -> {
            throw new StrataException(ErrorCode.EXECUTION, "vector cannot contain metrics with the same labelset");
        });
        EvalCommand exact = EvalFixture.instant("m", 0)
                .expectMessage(Expectation.Type.FAIL, "vector cannot contain metrics with the same labelset").build();
        assertThat(new EvalExecutor(q, PRINTER, true).run(exact, storage)).isEmpty();
        EvalCommand regex = EvalFixture.instant("m", 0).expectRegex(Expectation.Type.FAIL, "same label.?set").build();
        assertThat(new EvalExecutor(q, PRINTER, true).run(regex, storage)).isEmpty();
        EvalCommand wrong = EvalFixture.instant("m", 0).expectMessage(Expectation.Type.FAIL, "something else").build();
        EvalFailure f = new EvalExecutor(q, PRINTER, true).run(wrong, storage).orElseThrow();
        assertThat(f.got()).isEqualTo("error: vector cannot contain metrics with the same labelset");
        EvalCommand none = EvalFixture.instant("m", 0).series(A, "1").build();
        assertThat(new EvalExecutor(q, PRINTER, true).run(none, storage).orElseThrow().problem())
                .isEqualTo("the query failed");
    }

    @Test
    void aQueryThatSucceedsWhenAFailureWasExpectedFails() {
        FakeQueries q = new FakeQueries(t -> vectorAt(1));
        EvalCommand cmd = EvalFixture.range("m", 0, 60_000, 60_000)
                .suffixes(new EvalCommand.Suffixes(true, false, false, false)).build();
        assertThat(new EvalExecutor(q, PRINTER, true).run(cmd, storage).orElseThrow().problem())
                .isEqualTo("expected the query to fail, but it succeeded");
    }

    @Test
    void anEngineCrashIsNeverAnExpectedFailure() {
        FakeQueries q = new FakeQueries(t -> {
            throw new UnsupportedOperationException("evaluator being written");
        });
        EvalCommand cmd = EvalFixture.instant("m", 0).expect(Expectation.Type.FAIL).build();
        assertThat(new EvalExecutor(q, PRINTER, true).run(cmd, storage).orElseThrow().problem())
                .isEqualTo("the engine crashed: UnsupportedOperationException: evaluator being written");
    }

    @Test
    void annotationsAreCheckedBeforeValues() {
        FakeQueries q = new FakeQueries(t -> vectorAt(2));
        q.warnings = List.of("PromQL warning: oops (1:1)");
        EvalCommand cmd = EvalFixture.instant("m", 0).expect(Expectation.Type.NO_WARN).series(A, "1").build();
        EvalFailure f = new EvalExecutor(q, PRINTER, false).run(cmd, storage).orElseThrow();
        assertThat(f.problem()).startsWith("unexpected warning annotations");
        assertThat(f.expected()).isEqualTo("no_warn");
    }

    private static Value vectorAt(double v) {
        return new InstantVector(List.of(Sample.ofFloat(A, 0, v)));
    }

    /** Answers every query with {@code answer} (given a description of the call) and records the calls. */
    private static final class FakeQueries implements QueryFunction {
        final List<String> calls = new ArrayList<>();
        final Function<String, Value> answer;
        List<String> warnings = List.of();

        FakeQueries(Function<String, Value> answer) {
            this.answer = answer;
        }

        @Override
        public QueryResult instant(Queryable storage, String expr, long timeMs) {
            return answer("instant " + expr + " at " + timeMs);
        }

        /** A range call gets the answer's matrix, or the answer's vector repeated at every step. */
        @Override
        public QueryResult range(Queryable storage, String expr, long startMs, long endMs, long stepMs) {
            QueryResult r = answer("range " + expr + " " + startMs + ".." + endMs + "/" + stepMs);
            if (!(r.value() instanceof InstantVector v)) {
                return r;
            }
            List<RangeSeries> series = new ArrayList<>();
            for (Sample s : v.samples()) {
                int steps = (int) ((endMs - startMs) / stepMs) + 1;
                long[] times = new long[steps];
                double[] values = new double[steps];
                for (int i = 0; i < steps; i++) {
                    times[i] = startMs + i * stepMs;
                    values[i] = s.value();
                }
                series.add(RangeSeries.ofFloats(s.labels(), times, values));
            }
            return new QueryResult(new RangeMatrix(series), r.warnings(), r.infos(), r.stats());
        }

        private QueryResult answer(String call) {
            calls.add(call);
            return new QueryResult(answer.apply(call), warnings, List.of(), new QueryStats(0, 0, 0, 0));
        }
    }
}
