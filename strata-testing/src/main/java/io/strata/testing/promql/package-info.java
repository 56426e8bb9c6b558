/**
 * The PromQL conformance runner: reads Prometheus's {@code .test} scripts
 * ({@code testdata/promql/corpus}, format in {@code testdata/promql/FORMAT.md}) and checks Strata's
 * engine against them, as Prometheus's own {@code promqltest} does.
 *
 * <pre>
 *  file ──ScriptReader──▶ Script (ClearCommand | LoadCommand | EvalCommand)
 *                              │
 *  ScriptRunner: per file a fresh InMemoryStorage (no out-of-order window)
 *      load  ──ScriptLoader──▶ float samples (histograms counted, not stored yet)
 *      eval  ──EvalExecutor──▶ QueryFunction (EngineQueries) ──▶ result
 *                 base query; for instant evals also the @ re-runs (AtModifierRewrite,
 *                 printed by ExprPrinter) and a range-mode re-run around each time
 *                 └─ AnnotationCheck, ResultComparison (AlmostEqual, HistogramEquality)
 *      skip  ──SkipList (testdata/promql/skip-list.tsv, written by SkipListGenerator)
 *  TextReport: failing evals with run, problem, expected and got; last line
 *              "N passed, M failed, K skipped"
 * </pre>
 *
 * <p>Run it with {@code ./strata promqltest testdata/promql/corpus/*.test} ({@link PromqlTestMain});
 * {@code PromqlCorpusTest} runs the same corpus under JUnit.
 */
package io.strata.testing.promql;
