package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.BinaryOp;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.DurationExpr;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.MatrixSelector;
import io.strata.promql.ast.NumberLiteral;
import io.strata.promql.ast.ParenExpr;
import io.strata.promql.ast.StringLiteral;
import io.strata.promql.ast.SubqueryExpr;
import io.strata.promql.ast.UnaryExpr;
import io.strata.promql.ast.VectorSelector;

import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates an expression over a whole grid at once, node by node: every node returns its result
 * for all steps as columns, so per-step work is a tight loop over arrays.
 */
final class Evaluator {
    private final EvalContext ctx;
    private final Durations durations;
    private final Selectors selectors;
    private final Aggregations aggregations;
    private final BinaryOperations binaries;

    Evaluator(EvalContext ctx) {
        this.ctx = ctx;
        this.durations = new Durations(ctx.queryStepMs(), ctx.queryEndMs() - ctx.queryStartMs());
        this.selectors = new Selectors(ctx, durations);
        this.aggregations = new Aggregations(ctx, this);
        this.binaries = new BinaryOperations(ctx, this);
    }

    Durations durations() {
        return durations;
    }

    EvalValue eval(Expr expr, StepGrid grid) {
        ctx.checkInterrupted();
        return switch (expr) {
            case NumberLiteral n -> StepScalar.constant(n.value(), grid.count());
            case StringLiteral s -> new StepString(s.value());
            case ParenExpr p -> eval(p.expr(), grid);
            case UnaryExpr u -> unary(u, grid);
            case VectorSelector vs -> selectors.instant(vs, grid, false);
            case MatrixSelector ms -> selectors.range(ms, grid);
            case SubqueryExpr sq -> subquery(sq, grid);
            case Call c -> call(c, grid);
            case AggregateExpr a -> aggregations.eval(a, grid);
            case BinaryExpr b -> binaries.eval(b, grid);
            case DurationExpr d -> StepScalar.constant(durations.seconds(d), grid.count());
        };
    }

    StepVector evalVector(Expr expr, StepGrid grid) {
        return (StepVector) eval(expr, grid);
    }

    StepScalar evalScalar(Expr expr, StepGrid grid) {
        return (StepScalar) eval(expr, grid);
    }

    private EvalValue unary(UnaryExpr u, StepGrid grid) {
        EvalValue v = eval(u.expr(), grid);
        if (u.op() == BinaryOp.ADD) {
            return v;
        }
        if (v instanceof StepScalar s) {
            double[] out = new double[s.values().length];
            for (int i = 0; i < out.length; i++) {
                out[i] = -s.values()[i];
            }
            return new StepScalar(out);
        }
        StepVector vec = (StepVector) v;
        for (StepSeries s : vec.series()) {
            for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                s.values[i] = -s.values[i];
            }
            ctx.dropName(s);
        }
        return SeriesMerger.mergeSameLabels(vec, ctx);
    }

    /**
     * A subquery: the inner expression on its own grid (multiples of the step, aligned to 0,
     * covering every window {@code (end_i - range, end_i]}), read back as a range vector.
     */
    private RangeArg subquery(SubqueryExpr sq, StepGrid grid) {
        long rangeMs = durations.millis(sq.rangeMs(), sq.rangeExpr());
        long stepMs = durations.millis(sq.stepMs(), sq.stepExpr());
        if (stepMs <= 0) {
            stepMs = ctx.options().defaultSubqueryStepMs();
        }
        long offset = durations.millis(sq.offsetMs(), sq.offsetExpr());
        long[] ends = selectors.readTimes(sq.at(), offset, grid);
        long first = ends[0] - rangeMs;
        // Go's integer division truncates toward zero; Prometheus aligns with it, and so do we.
        long innerStart = stepMs * (first / stepMs);
        if (innerStart <= first) {
            innerStart += stepMs;
        }
        long innerEnd = ends[ends.length - 1];
        if (innerStart > innerEnd) {
            return new RangeArg(sq, rangeMs, ends, grid, visitor -> { });
        }
        ctx.budget().checkGrid((innerEnd - innerStart) / stepMs + 1);
        StepGrid inner = StepGrid.of(innerStart, innerEnd, stepMs);
        StepVector values = evalVector(sq.expr(), inner);
        RangeArg.Source source = visitor -> {
            long[] ts = new long[inner.count()];
            double[] vs = new double[inner.count()];
            for (StepSeries s : values.series()) {
                int n = 0;
                for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                    ts[n] = inner.time(i);
                    vs[n] = s.values[i];
                    n++;
                }
                if (n > 0) {
                    visitor.visit(s.labels(), s.dropName(), ts, vs, n);
                }
            }
        };
        return new RangeArg(sq, rangeMs, ends, grid, source).holding(values.pointCount());
    }

    private EvalValue call(Call c, StepGrid grid) {
        String name = c.function().name();
        if (name.equals("timestamp")) {
            Expr arg = unwrapParens(c.args().getFirst());
            if (arg instanceof VectorSelector vs) {
                StepVector v = selectors.instant(vs, grid, true);
                for (StepSeries s : v.series()) {
                    ctx.dropName(s);
                }
                return SeriesMerger.mergeSameLabels(v, ctx);
            }
        }
        if (name.equals("info")) {
            return new InfoFunction(ctx, this, selectors).eval(c, grid);
        }
        checkExtendedSelectors(c);
        FunctionImpl impl = ctx.functions().get(name);
        if (impl == null) {
            throw new StrataException(ErrorCode.EXECUTION, "function \"" + name + "\" is not supported by Strata yet");
        }
        List<EvalValue> args = new ArrayList<>(c.args().size());
        long held = 0;
        for (Expr a : c.args()) {
            EvalValue v = eval(a, grid);
            held += points(v);
            args.add(v);
        }
        EvalValue result = impl.call(new FunctionCall(c, args, grid, ctx));
        // Functions may reuse their arguments' columns: release what was counted, not what is left.
        ctx.budget().release(held);
        if (result instanceof StepVector v) {
            ctx.budget().acquire(v.pointCount());
            return SeriesMerger.mergeSameLabels(v, ctx);
        }
        return result;
    }

    private static final java.util.Set<String> ANCHORED_SAFE =
            java.util.Set.of("changes", "delta", "increase", "rate", "resets");
    private static final java.util.Set<String> SMOOTHED_SAFE = java.util.Set.of("delta", "increase", "rate");

    /** {@code anchored} and {@code smoothed} ranges carry samples outside the range; few functions handle them. */
    private static void checkExtendedSelectors(Call c) {
        for (Expr a : c.args()) {
            if (unwrapParens(a) instanceof MatrixSelector ms) {
                String name = c.function().name();
                if (ms.selector().anchored() && !ANCHORED_SAFE.contains(name)) {
                    throw new StrataException(ErrorCode.EXECUTION,
                            "anchored modifier can only be used with: changes, delta, increase, rate, resets - not with "
                                    + name);
                }
                if (ms.selector().smoothed() && !SMOOTHED_SAFE.contains(name)) {
                    throw new StrataException(ErrorCode.EXECUTION,
                            "smoothed modifier can only be used with: delta, increase, rate - not with " + name);
                }
            }
        }
    }

    void release(EvalValue v) {
        ctx.budget().release(points(v));
    }

    static long points(EvalValue v) {
        return switch (v) {
            case StepVector vec -> vec.pointCount();
            case RangeArg r -> r.heldPoints();
            default -> 0;
        };
    }

    static Expr unwrapParens(Expr e) {
        while (e instanceof ParenExpr p) {
            e = p.expr();
        }
        return e;
    }
}
