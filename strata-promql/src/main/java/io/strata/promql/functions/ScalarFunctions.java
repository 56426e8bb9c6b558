package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.StepGrid;
import io.strata.promql.engine.StepScalar;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.ArrayList;
import java.util.List;

/**
 * Conversions between scalars and vectors and the functions of the evaluation clock:
 * {@code time}, {@code pi}, {@code vector}, {@code scalar}, {@code timestamp} of an expression,
 * {@code min_of} and {@code max_of}, and the query's own {@code start}, {@code end}, {@code range}
 * and {@code step}, all in seconds.
 */
final class ScalarFunctions {
    private ScalarFunctions() {
    }

    /** The evaluation time of each step, in seconds. */
    static StepScalar time(FunctionCall call) {
        StepGrid grid = call.grid();
        double[] out = new double[grid.count()];
        for (int i = 0; i < out.length; i++) {
            out[i] = grid.time(i) / 1000.0;
        }
        return new StepScalar(out);
    }

    static StepScalar pi(FunctionCall call) {
        return StepScalar.constant(Math.PI, call.grid().count());
    }

    /**
     * {@code start()}: Prometheus folds it into a number before evaluation, so it is the query's
     * start even inside a subquery.
     */
    static StepScalar start(FunctionCall call) {
        return StepScalar.constant(call.queryStartMs() / 1000.0, call.grid().count());
    }

    static StepScalar end(FunctionCall call) {
        return StepScalar.constant(call.queryEndMs() / 1000.0, call.grid().count());
    }

    /** {@code range()}: end minus start, 0 for an instant query. */
    static StepScalar range(FunctionCall call) {
        return StepScalar.constant((call.queryEndMs() - call.queryStartMs()) / 1000.0, call.grid().count());
    }

    /** {@code step()}: the range query's step, 0 for an instant query. */
    static StepScalar step(FunctionCall call) {
        return StepScalar.constant(call.queryStepMs() / 1000.0, call.grid().count());
    }

    /**
     * {@code min_of(a, b)}: the smaller scalar at each step; NaN if either is NaN, and -0 below +0,
     * as Go's {@code math.Min} (Java's {@code Math.min} agrees).
     */
    static StepScalar minOf(FunctionCall call) {
        double[] a = call.scalarArg(0).values();
        double[] b = call.scalarArg(1).values();
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.min(a[i], b[i]);
        }
        return new StepScalar(out);
    }

    /** {@code max_of(a, b)}: the larger scalar at each step, with Go's {@code math.Max} rules. */
    static StepScalar maxOf(FunctionCall call) {
        double[] a = call.scalarArg(0).values();
        double[] b = call.scalarArg(1).values();
        double[] out = new double[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(a[i], b[i]);
        }
        return new StepScalar(out);
    }

    /** {@code vector(s)}: one series without labels, with the scalar's value at every step. */
    static StepVector vector(FunctionCall call) {
        StepScalar s = call.scalarArg(0);
        StepSeries out = call.newSeries(Labels.EMPTY);
        for (int i = 0; i < out.steps(); i++) {
            out.set(i, s.at(i));
        }
        List<StepSeries> series = new ArrayList<>(1);
        series.add(out);
        return new StepVector(call.grid(), series);
    }

    /** {@code scalar(v)}: the only element's value, or NaN when the vector has none or several. */
    static StepScalar scalar(FunctionCall call) {
        StepVector in = call.vectorArg(0);
        int steps = call.grid().count();
        double[] value = new double[steps];
        int[] count = new int[steps];
        for (StepSeries s : in.series()) {
            for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                count[i]++;
                value[i] = s.value(i);
            }
        }
        for (int i = 0; i < steps; i++) {
            if (count[i] != 1) {
                value[i] = Double.NaN;
            }
        }
        return new StepScalar(value);
    }

    /**
     * {@code timestamp(expr)} for anything but a plain selector (the engine answers that case with
     * the samples' own times): an evaluated expression's samples carry the step's time.
     */
    static StepVector timestamp(FunctionCall call) {
        StepVector in = call.vectorArg(0);
        StepGrid grid = call.grid();
        for (StepSeries s : in.series()) {
            for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                s.set(i, grid.time(i) / 1000.0);
            }
            call.dropName(s);
        }
        return in;
    }
}
