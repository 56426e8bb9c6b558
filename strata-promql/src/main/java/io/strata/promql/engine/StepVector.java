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

    /**
     * Points this vector holds for the sample budget: every step slot of every series, present or
     * not, because that is the memory the columns take. This is more conservative than
     * Prometheus's count of present points for sparse series, and never less.
     */
    public long pointCount() {
        return (long) series.size() * grid.count();
    }
}
