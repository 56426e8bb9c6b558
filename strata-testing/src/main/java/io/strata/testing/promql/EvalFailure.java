package io.strata.testing.promql;

/**
 * Why an eval failed.
 *
 * @param run which query of the eval failed: the base query, an {@code @} re-run or a range-mode re-run
 * @param problem what was wrong
 * @param expected what the script expects, in script notation
 * @param got what the query returned (a value, an error, or annotations)
 */
public record EvalFailure(String run, String problem, String expected, String got) {
}
