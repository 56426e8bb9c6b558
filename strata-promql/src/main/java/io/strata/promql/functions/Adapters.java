package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.FunctionImpl;
import io.strata.promql.engine.RangeArg;
import io.strata.promql.engine.RangeWindow;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/** Turns the common function shapes into {@link FunctionImpl}s. */
final class Adapters {
    private Adapters() {
    }

    /**
     * A function of a range vector at argument {@code rangeArg}, window by window. Output series
     * keep the input labels minus {@code __name__} unless {@code keepName}.
     */
    static FunctionImpl overWindows(int rangeArg, boolean keepName, WindowFunction f) {
        return call -> {
            RangeArg range = call.rangeArg(rangeArg);
            List<StepSeries> out = new ArrayList<>();
            RangeWindow w = new RangeWindow();
            StepSeries[] current = new StepSeries[1];
            range.forEachSeries((labels, dropName, ts, values, length) -> {
                call.checkInterrupted();
                current[0] = null;
                range.forEachWindow(labels, ts, values, length, w, win -> {
                    int samples = win.anchored || win.smoothed ? win.extendedTo - win.extendedFrom : win.count();
                    if (samples > 0 && f.apply(win, call)) {
                        if (current[0] == null) {
                            current[0] = call.newSeries(labels);
                        }
                        current[0].set(win.step, win.result);
                    }
                });
                StepSeries s = current[0];
                if (s != null) {
                    if (!keepName || dropName) {
                        call.dropName(s);
                    }
                    out.add(s);
                }
            });
            return new StepVector(call.grid(), out);
        };
    }

    /** A function applied to every value of an instant vector; the name is dropped. */
    static FunctionImpl elementwise(DoubleUnaryOperator op) {
        return call -> {
            StepVector in = call.vectorArg(0);
            for (StepSeries s : in.series()) {
                for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                    s.set(i, op.applyAsDouble(s.value(i)));
                }
                call.dropName(s);
            }
            return in;
        };
    }
}
