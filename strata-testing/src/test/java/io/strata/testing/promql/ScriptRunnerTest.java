package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.promql.ast.Expr;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Whole scripts through the runner and Strata's engine (selectors only, which the engine core has). */
class ScriptRunnerTest {
    private static final Function<Expr, String> NO_PRINTER = e -> {
        throw new IllegalStateException("no @ re-runs in these tests");
    };

    @Test
    void passesAndFailsEvalsAgainstLoadedData() {
        FileReport r = run(SkipList.empty(), """
                load 1m
                    m{job="a"} 0+10x5
                    m{job="b"} 100 _ 120 stale 130

                eval instant at 2m m
                    m{job="a"} 20
                    m{job="b"} 120

                eval instant at 3m m
                    m{job="a"} 30

                eval instant at 3m m
                    m{job="a"} 31
                """);
        assertThat(r.evals()).extracting(EvalReport::status).containsExactly(
                EvalReport.Status.PASSED, EvalReport.Status.PASSED, EvalReport.Status.FAILED);
        EvalReport failed = r.evals().get(2);
        assertThat(failed.line()).isEqualTo(12);
        assertThat(failed.failure().problem()).isEqualTo("expected 31 for m{job=\"a\"} but got 30");
    }

    @Test
    void clearStartsFromEmptyStorage() {
        FileReport r = run(SkipList.empty(), """
                load 1m
                    m 1

                clear

                eval instant at 0 m
                """);
        assertThat(r.count(EvalReport.Status.PASSED)).isEqualTo(1);
    }

    @Test
    void histogramSkipEntriesAreNotRunOthersAreRunAndReportedWhenTheyPass() {
        SkipList skip = SkipList.of(List.of(
                new SkipList.Entry("t.test", 4, SkipList.NATIVE_HISTOGRAMS),
                new SkipList.Entry("t.test", 7, SkipList.START_TIMESTAMPS),
                new SkipList.Entry("t.test", 10, SkipList.START_TIMESTAMPS),
                new SkipList.Entry("t.test", 99, SkipList.START_TIMESTAMPS)));
        FileReport r = run(skip, """
                load 1m
                    m 1

                eval instant at 0 m
                    m 1

                eval instant at 0 m
                    m 1

                eval instant at 0 m
                    m 2
                """);
        assertThat(r.evals()).extracting(EvalReport::status).containsOnly(EvalReport.Status.SKIPPED);
        assertThat(r.notes()).containsExactly(
                "skip-list entry t.test:7 passes (start timestamps are not stored yet)",
                "skip-list entry t.test:99 matches no eval of the file");
    }

    @Test
    void afterAFailedLoadEveryLaterEvalFails() {
        FileReport r = run(SkipList.empty(), """
                load 1m
                    m 1 2

                eval instant at 0 m
                    m 1

                load 30s
                    m _ 5

                clear

                eval instant at 0 vector(1)
                    {} 1
                """);
        assertThat(r.evals()).extracting(EvalReport::status)
                .containsExactly(EvalReport.Status.PASSED, EvalReport.Status.FAILED);
        assertThat(r.evals().get(1).failure().problem())
                .startsWith("the load at line 7 failed: line 8: storage rejected m{} 5 at 30s: OUT_OF_ORDER");
    }

    @Test
    void anUnreadableFileCountsAllItsEvalsAsFailed() {
        FileReport r = run(SkipList.empty(), """
                eval instant at 0 m

                eval instant at 0 sum(

                eval range from 0 to 1m step 1m m
                """);
        assertThat(r.unreadable()).isEqualTo("t.test:3: could not parse \"sum(\": 1:5: parse error: unclosed left "
                + "parenthesis");
        assertThat(r.count(EvalReport.Status.FAILED)).isEqualTo(3);
    }

    @Test
    void theReportListsFailuresAndEndsWithTheCounts() {
        FileReport r = run(SkipList.of(List.of(new SkipList.Entry("t.test", 7, SkipList.NATIVE_HISTOGRAMS))), """
                load 1m
                    m 1

                eval instant at 0 m
                    m 2

                eval instant at 0 m
                    m 1

                eval instant at 0 m
                    m 1
                """);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new TextReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), false).print(List.of(r));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                FAIL t.test:4: m
                  run:      instant query at 0s
                  problem:  expected 2 for m{} but got 1
                  expected: m{} 2
                  got:      m{} 1
                1 passed, 1 failed, 1 skipped
                """);
    }

    private static FileReport run(SkipList skip, String script) {
        return new ScriptRunner(new EngineQueries(), NO_PRINTER, skip, false).run("t.test", script);
    }
}
