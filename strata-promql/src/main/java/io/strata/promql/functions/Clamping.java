package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.StepScalar;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code clamp}, {@code clamp_min}, {@code clamp_max} and {@code round}: element-wise functions
 * whose scalar parameters may change from step to step. All drop the metric name.
 */
final class Clamping {
    private Clamping() {
    }

    static StepVector clamp(FunctionCall call) {
        return clamp(call, call.scalarArg(1), call.scalarArg(2));
    }

    static StepVector clampMin(FunctionCall call) {
        return clamp(call, call.scalarArg(1), null);
    }

    static StepVector clampMax(FunctionCall call) {
        return clamp(call, null, call.scalarArg(1));
    }

    /**
     * {@code max(min, min(max, v))} at every step; a step whose maximum is below its minimum has no
     * output at all, as in Prometheus. A NaN bound gives NaN (Go's Max/Min propagate NaN, as do
     * Java's).
     */
    private static StepVector clamp(FunctionCall call, StepScalar min, StepScalar max) {
        StepVector in = call.vectorArg(0);
        List<StepSeries> out = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                double lo = min == null ? Double.NEGATIVE_INFINITY : min.at(i);
                double hi = max == null ? Double.POSITIVE_INFINITY : max.at(i);
                if (hi < lo) {
                    s.clear(i);
                } else {
                    s.set(i, Math.max(lo, Math.min(hi, s.value(i))));
                }
            }
            if (!s.isEmpty()) {
                call.dropName(s);
                out.add(s);
            }
        }
        return new StepVector(in.grid(), out);
    }

    /**
     * Rounds to the nearest multiple of {@code to_nearest} (default 1), ties up, with Prometheus's
     * formula: dividing by the inverse loses less precision than multiplying by the step.
     */
    static StepVector round(FunctionCall call) {
        StepVector in = call.vectorArg(0);
        StepScalar toNearest = call.argCount() > 1 ? call.scalarArg(1) : null;
        for (StepSeries s : in.series()) {
            for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                double inverse = 1.0 / (toNearest == null ? 1.0 : toNearest.at(i));
                s.set(i, Math.floor(s.value(i) * inverse + 0.5) / inverse);
            }
            call.dropName(s);
        }
        return in;
    }
}
