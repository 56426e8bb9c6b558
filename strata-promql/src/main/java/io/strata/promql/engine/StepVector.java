package io.strata.promql.engine;

import java.util.ArrayList;
import java.util.List;

/** An instant vector over every step of {@code grid}: series with column values. */
public final class StepVector implements EvalValue {
    private final StepGrid grid;
    private final List<StepSeries> series;

    public StepVector(StepGrid grid, List<StepSeries> series) {
        this.grid = grid;
        this.series = series;
    }

    public static StepVector empty(StepGrid grid) {
        return new StepVector(grid, new ArrayList<>());
    }

    public StepGrid grid() {
        return grid;
    }

    /** The series; the list is mutable for the code that builds the vector. */
    public List<StepSeries> series() {
        return series;
    }

    /** Total number of points, for the sample budget. */
    public long pointCount() {
        long n = 0;
        for (StepSeries s : series) {
            n += s.presentCount();
        }
        return n;
    }
}
