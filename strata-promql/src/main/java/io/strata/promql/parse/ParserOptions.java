package io.strata.promql.parse;

/**
 * Which optional syntax the parser accepts, mirroring Prometheus's feature flags.
 *
 * @param experimentalFunctions {@code promql-experimental-functions}: the experimental functions
 *     and the {@code limitk}/{@code limit_ratio} aggregations
 * @param durationExpressions {@code promql-duration-expr}: arithmetic in ranges and offsets,
 *     {@code step()}, {@code range()}, {@code min_of()}, {@code max_of()} (on by default since 3.14)
 * @param extendedRangeSelectors {@code promql-extended-range-selectors}: {@code anchored} and
 *     {@code smoothed}
 * @param binopFillModifiers {@code promql-binop-fill-modifiers}: {@code fill()},
 *     {@code fill_left()} and {@code fill_right()}
 */
public record ParserOptions(
        boolean experimentalFunctions,
        boolean durationExpressions,
        boolean extendedRangeSelectors,
        boolean binopFillModifiers) {
    /** What a Prometheus 3.14 server accepts without feature flags. */
    public static final ParserOptions DEFAULT = new ParserOptions(false, true, false, false);

    /** Everything on, as Prometheus's test engine parses the conformance corpus. */
    public static final ParserOptions ALL = new ParserOptions(true, true, true, true);
}
