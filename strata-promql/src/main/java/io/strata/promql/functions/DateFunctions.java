package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.FunctionImpl;
import io.strata.promql.engine.StepGrid;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code year}, {@code month}, {@code day_of_month}, {@code day_of_year}, {@code day_of_week},
 * {@code days_in_month}, {@code hour} and {@code minute}, in UTC: of each value of the argument
 * (read as Unix seconds, name dropped), or of the evaluation time when called without one.
 */
final class DateFunctions {
    private DateFunctions() {
    }

    static FunctionImpl of(CivilTime.Field field) {
        return call -> call.argCount() == 0 ? ofEvaluationTime(call, field) : ofValues(call, field);
    }

    private static StepVector ofEvaluationTime(FunctionCall call, CivilTime.Field field) {
        StepGrid grid = call.grid();
        StepSeries out = call.newSeries(Labels.EMPTY);
        for (int i = 0; i < grid.count(); i++) {
            // Go's integer division truncates toward zero; so does Java's.
            out.set(i, CivilTime.field(field, grid.time(i) / 1000));
        }
        List<StepSeries> series = new ArrayList<>(1);
        series.add(out);
        return new StepVector(grid, series);
    }

    /**
     * Values become whole seconds by truncation, as Go's {@code int64(f)}. For NaN and values out of
     * the {@code long} range that conversion is platform-defined in Go; Java's saturating cast
     * matches Go on arm64 (NaN is 1970-01-01).
     */
    private static StepVector ofValues(FunctionCall call, CivilTime.Field field) {
        StepVector in = call.vectorArg(0);
        for (StepSeries s : in.series()) {
            for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                s.set(i, CivilTime.field(field, (long) s.value(i)));
            }
            call.dropName(s);
        }
        return in;
    }
}
