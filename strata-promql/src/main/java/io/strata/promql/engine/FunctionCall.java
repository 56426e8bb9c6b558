package io.strata.promql.engine;

import io.strata.model.Labels;
import io.strata.promql.ast.Call;
import io.strata.promql.ast.Expr;
import io.strata.promql.ast.PositionRange;

import java.util.List;

/** Everything a {@link FunctionImpl} may use: the call node, evaluated arguments and the query. */
public final class FunctionCall {
    private final Call node;
    private final List<EvalValue> args;
    private final StepGrid grid;
    private final EvalContext context;

    FunctionCall(Call node, List<EvalValue> args, StepGrid grid, EvalContext context) {
        this.node = node;
        this.args = args;
        this.grid = grid;
        this.context = context;
    }

    public Call node() {
        return node;
    }

    public int argCount() {
        return args.size();
    }

    public EvalValue arg(int i) {
        return args.get(i);
    }

    public StepVector vectorArg(int i) {
        return (StepVector) args.get(i);
    }

    public StepScalar scalarArg(int i) {
        return (StepScalar) args.get(i);
    }

    public String stringArg(int i) {
        return ((StepString) args.get(i)).value();
    }

    public RangeArg rangeArg(int i) {
        return (RangeArg) args.get(i);
    }

    /** The argument's expression as written, e.g. to derive labels in {@code absent()}. */
    public Expr argExpr(int i) {
        return node.args().get(i);
    }

    public StepGrid grid() {
        return grid;
    }

    public Annotations annotations() {
        return context.annotations();
    }

    public PositionRange position() {
        return node.position();
    }

    /** The query's overall start, for {@code start()}. */
    public long queryStartMs() {
        return context.queryStartMs();
    }

    /** The query's overall end, for {@code end()}. */
    public long queryEndMs() {
        return context.queryEndMs();
    }

    /** The query's step (0 for an instant query), for {@code step()}. */
    public long queryStepMs() {
        return context.queryStepMs();
    }

    /** Marks {@code series} to lose {@code __name__}: now, or at the end with delayed name removal. */
    public void dropName(StepSeries series) {
        context.dropName(series);
    }

    /** {@code labels} without {@code __name__} unless names are removed late; for new series. */
    public boolean delayedNameRemoval() {
        return context.options().delayedNameRemoval();
    }

    /** Throws if the query was cancelled or ran out of time; call between series in long loops. */
    public void checkInterrupted() {
        context.checkInterrupted();
    }

    /** Accounts for samples a function holds beyond its output. */
    public void acquireSamples(long n) {
        context.budget().acquire(n);
    }

    public void releaseSamples(long n) {
        context.budget().release(n);
    }

    /** A new output series of this call's grid. */
    public StepSeries newSeries(Labels labels) {
        return new StepSeries(labels, grid.count());
    }
}
