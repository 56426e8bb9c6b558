package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.FunctionImpl;
import io.strata.promql.engine.RangeArg;
import io.strata.promql.engine.RangeWindow;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/** Turns the common function shapes into {@link FunctionImpl}s. */
final class Adapters {
    private Adapters() {
    }

    /** Looks at an input series of a range function that produced at least one point. */
    @FunctionalInterface
    interface SeriesCheck {
        SeriesCheck NONE = (labels, call, range) -> { };

        void check(Labels labels, FunctionCall call, RangeArg range);
    }

    /**
     * A function of a range vector at argument {@code rangeArg}, window by window. Output series
     * keep the input labels minus {@code __name__} unless {@code keepName} (last_over_time and
     * first_over_time act like an offset and keep it).
     */
    static FunctionImpl overWindows(int rangeArg, boolean keepName, WindowFunction f) {
        return overWindows(rangeArg, keepName, () -> f, SeriesCheck.NONE);
    }

    /**
     * As {@link #overWindows(int, boolean, WindowFunction)}, with a fresh function per call (for
     * functions with scratch buffers) and a check run on every series that produced output.
     */
    static FunctionImpl overWindows(
            int rangeArg, boolean keepName, Supplier<WindowFunction> factory, SeriesCheck check) {
        return call -> {
            WindowLoop loop = new WindowLoop(call, call.rangeArg(rangeArg), factory.get(), keepName, check);
            loop.range.forEachSeries(loop);
            return new StepVector(call.grid(), loop.out);
        };
    }

    /**
     * Walks every series of a range argument through its windows. One instance per call, so the
     * per-window path allocates nothing but the output series.
     */
    private static final class WindowLoop implements RangeArg.SeriesVisitor, RangeArg.WindowVisitor {
        private final FunctionCall call;
        private final RangeArg range;
        private final WindowFunction f;
        private final boolean keepName;
        private final SeriesCheck check;
        private final RangeWindow window = new RangeWindow();
        private final List<StepSeries> out = new ArrayList<>();
        private StepSeries current;
        private Labels currentLabels;

        WindowLoop(FunctionCall call, RangeArg range, WindowFunction f, boolean keepName, SeriesCheck check) {
            this.call = call;
            this.range = range;
            this.f = f;
            this.keepName = keepName;
            this.check = check;
        }

        @Override
        public void visit(Labels labels, boolean dropName, long[] timestamps, double[] values, int length) {
            call.checkInterrupted();
            current = null;
            currentLabels = labels;
            range.forEachWindow(labels, timestamps, values, length, window, this);
            StepSeries s = current;
            if (s == null) {
                return;
            }
            if (!keepName || dropName) {
                call.dropName(s);
            }
            out.add(s);
            check.check(labels, call, range);
        }

        @Override
        public void visit(RangeWindow w) {
            // Anchored and smoothed windows also hold samples just outside the range.
            int samples = w.anchored || w.smoothed ? w.extendedTo - w.extendedFrom : w.count();
            if (samples > 0 && f.apply(w, call)) {
                if (current == null) {
                    current = call.newSeries(currentLabels);
                }
                current.set(w.step, w.result);
            }
        }
    }

    /**
     * A function applied to every value of an instant vector, in place; the name is dropped (as
     * Prometheus's {@code simpleFloatFunc} does).
     */
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
