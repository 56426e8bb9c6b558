package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.RangeWindow;

/**
 * A function over a range vector computed one window at a time (rate, sum_over_time, ...).
 * Returns true and sets {@link RangeWindow#result} when the window yields a value.
 * Called only for windows with at least one sample (for {@code anchored} and {@code smoothed}
 * ranges: in the extended window, so the range itself may be empty). Must not allocate.
 */
@FunctionalInterface
interface WindowFunction {
    boolean apply(RangeWindow w, FunctionCall call);
}
