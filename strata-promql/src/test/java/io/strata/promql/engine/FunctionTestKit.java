package io.strata.promql.engine;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.promql.ast.AtModifier;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.Functions;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.ast.StringLiteral;
import io.strata.promql.ast.VectorSelector;

import java.util.ArrayList;
import java.util.List;

/**
 * Calls a function implementation directly, with hand-built arguments, so function tests need
 * neither the parser nor storage. Lives in the engine package because the engine builds
 * {@link FunctionCall}, {@link RangeArg} and {@link EvalContext} itself.
 */
public final class FunctionTestKit {
    private final StepGrid grid;
    private final EvalContext context;
    private final List<Expr> exprs = new ArrayList<>();
    private final List<EvalValue> values = new ArrayList<>();

    private FunctionTestKit(StepGrid grid, long queryStepMs, boolean delayedNameRemoval) {
        this.grid = grid;
        EngineOptions options = EngineOptions.DEFAULT.withLimits(1_000_000, 0, 60_000);
        if (delayedNameRemoval) {
            options = new EngineOptions(options.lookbackDeltaMs(), options.maxSamples(), options.maxSeries(),
                    options.timeoutMs(), options.defaultSubqueryStepMs(), options.parser(), true);
        }
        this.context = new EvalContext(null, options, new FunctionTable(java.util.Map.of()), grid.startMs(),
                grid.endMs(), queryStepMs, options.lookbackDeltaMs(), options.timeoutMs(), () -> false);
    }

    /** An instant evaluation at {@code timeMs}, names dropped at once. */
    public static FunctionTestKit instant(long timeMs) {
        return new FunctionTestKit(StepGrid.instant(timeMs), 0, false);
    }

    /** A range evaluation, names dropped at once. */
    public static FunctionTestKit range(long startMs, long endMs, long stepMs) {
        return new FunctionTestKit(StepGrid.of(startMs, endMs, stepMs), stepMs, false);
    }

    /** An instant evaluation with delayed name removal, as the conformance corpus runs. */
    public static FunctionTestKit instantDelayedNames(long timeMs) {
        return new FunctionTestKit(StepGrid.instant(timeMs), 0, true);
    }

    public StepGrid grid() {
        return grid;
    }

    /** Adds a scalar argument, the same at every step; its expression sits at byte {@code position}. */
    public FunctionTestKit scalar(double value, int position) {
        exprs.add(new NumberLiteral(value, false, new PositionRange(position, position + 1)));
        values.add(StepScalar.constant(value, grid.count()));
        return this;
    }

    /** Adds a scalar argument with one value per step. */
    public FunctionTestKit scalarPerStep(double[] perStep, int position) {
        exprs.add(new NumberLiteral(perStep[0], false, new PositionRange(position, position + 1)));
        values.add(new StepScalar(perStep.clone()));
        return this;
    }

    public FunctionTestKit string(String value) {
        exprs.add(new StringLiteral(value, new PositionRange(0, 0)));
        values.add(new StepString(value));
        return this;
    }

    /** Adds an instant-vector argument written as a selector with {@code matchers}. */
    public FunctionTestKit vector(List<Matcher> matchers, int position, StepSeries... series) {
        exprs.add(new VectorSelector(null, matchers, 0, null, AtModifier.NONE, false, false,
                new PositionRange(position, position + 1)));
        List<StepSeries> list = new ArrayList<>(List.of(series));
        values.add(new StepVector(grid, list));
        return this;
    }

    public FunctionTestKit vector(StepSeries... series) {
        return vector(List.of(), 0, series);
    }

    /** A series of this grid with the given value at each step; NaN-boxed {@code null}s are absent. */
    public StepSeries series(Labels labels, Double... perStep) {
        StepSeries s = new StepSeries(labels, grid.count());
        for (int i = 0; i < perStep.length; i++) {
            if (perStep[i] != null) {
                s.set(i, perStep[i]);
            }
        }
        return s;
    }

    /**
     * Adds a range-vector argument {@code selector[rangeMs]} whose windows end at the grid's step
     * times; {@code series} are the stored samples.
     */
    public FunctionTestKit matrix(List<Matcher> matchers, long rangeMs, int position, RawSeries... series) {
        VectorSelector vs = new VectorSelector(null, matchers, 0, null, AtModifier.NONE, false, false,
                new PositionRange(position, position + 1));
        MatrixSelector ms = new MatrixSelector(vs, rangeMs, null, new PositionRange(position, position + 5));
        long[] ends = grid.times();
        List<RawSeries> list = List.of(series);
        RangeArg.Source source = visitor -> {
            for (RawSeries s : list) {
                visitor.visit(s.labels(), s.dropName(), s.timestamps(), s.values(), s.timestamps().length);
            }
        };
        exprs.add(ms);
        values.add(new RangeArg(ms, rangeMs, ends, grid, source));
        return this;
    }

    public FunctionTestKit matrix(long rangeMs, RawSeries... series) {
        return matrix(List.of(), rangeMs, 0, series);
    }

    /** As {@link #matrix(long, RawSeries...)} with the {@code anchored} modifier and a lookback delta. */
    public FunctionTestKit anchoredMatrix(long rangeMs, long lookbackMs, RawSeries... series) {
        matrix(List.of(), rangeMs, 0, series);
        RangeArg plain = (RangeArg) values.removeLast();
        values.add(plain.extended(true, false, lookbackMs));
        return this;
    }

    /** Stored samples of one series, for {@link #matrix}. */
    public record RawSeries(Labels labels, boolean dropName, long[] timestamps, double[] values) {
        public static RawSeries of(Labels labels, long[] timestamps, double[] values) {
            return new RawSeries(labels, false, timestamps, values);
        }

        /** Samples {@code values[i]} at {@code i * intervalMs}. */
        public static RawSeries every(Labels labels, long intervalMs, double... values) {
            long[] ts = new long[values.length];
            for (int i = 0; i < ts.length; i++) {
                ts[i] = i * intervalMs;
            }
            return new RawSeries(labels, false, ts, values);
        }
    }

    /** Calls {@code impl} as function {@code name} with the arguments added so far. */
    public EvalValue call(String name, FunctionImpl impl) {
        Call node = new Call(Functions.lookup(name), exprs, new PositionRange(0, 1));
        return impl.call(new FunctionCall(node, values, grid, context));
    }

    /** The annotations the calls so far produced, rendered against {@code query}. */
    public List<String> annotations(String query) {
        List<String> out = new ArrayList<>();
        for (Annotation a : context.annotations().all()) {
            out.add(a.render(query));
        }
        return out;
    }
}
