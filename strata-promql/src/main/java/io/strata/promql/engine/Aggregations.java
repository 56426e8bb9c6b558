package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.GoQuote;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.StrataException;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AggregateOp;
import io.strata.promql.parse.GoNumbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aggregation operators. The streaming ones (sum, avg, count, min, max, group, stddev, stdvar)
 * walk each input series once and update per-group columns; the ones that must see a whole
 * group at a step (quantile, topk, bottomk, limitk, limit_ratio, count_values) work step by step.
 * Numerics follow Prometheus exactly: Kahan sums, avg switching to an incremental mean when the
 * sum would overflow, Welford for the variance, NaN handling of min/max.
 */
final class Aggregations {
    private final EvalContext ctx;
    private final Evaluator evaluator;

    Aggregations(EvalContext ctx, Evaluator evaluator) {
        this.ctx = ctx;
        this.evaluator = evaluator;
    }

    StepVector eval(AggregateExpr a, StepGrid grid) {
        StepScalar param = null;
        String valueLabel = null;
        if (a.op().hasParam()) {
            if (a.op() == AggregateOp.COUNT_VALUES) {
                valueLabel = ((StepString) evaluator.eval(a.param(), grid)).value();
            } else {
                param = evaluator.evalScalar(a.param(), grid);
            }
        }
        StepVector in = evaluator.evalVector(a.expr(), grid);
        StepVector out = switch (a.op()) {
            case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> KSelection.select(a, in, param, grid, ctx.annotations());
            case COUNT_VALUES -> countValues(a, in, valueLabel, grid);
            case QUANTILE -> quantile(a, in, param, grid);
            default -> streaming(a, in, grid);
        };
        evaluator.release(in);
        ctx.budget().acquire(out.pointCount());
        return out;
    }

    private StepVector streaming(AggregateExpr a, StepVector in, StepGrid grid) {
        List<StepSeries> series = in.series();
        Grouping grouping = Grouping.of(series, a.grouping(), a.without());
        int steps = grid.count();
        int groups = grouping.groupCount;
        double[] value = new double[groups * steps];
        double[] comp = new double[groups * steps];
        double[] mean = new double[groups * steps];
        double[] count = new double[groups * steps];
        boolean[] incremental = a.op() == AggregateOp.AVG ? new boolean[groups * steps] : null;
        StepSeries[] outputs = new StepSeries[groups];
        for (int si = 0; si < series.size(); si++) {
            StepSeries s = series.get(si);
            int g = grouping.groupOf[si];
            if (outputs[g] == null) {
                outputs[g] = new StepSeries(grouping.groupLabels[g], steps);
            }
            StepSeries o = outputs[g];
            if (s.dropName()) {
                o.setDropName(true);
            }
            int base = g * steps;
            for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                double f = s.values[i];
                int at = base + i;
                if (!o.has(i)) {
                    o.set(i, 0);
                    value[at] = f;
                    mean[at] = f;
                    count[at] = 1;
                    if (a.op() == AggregateOp.STDDEV || a.op() == AggregateOp.STDVAR) {
                        value[at] = Double.isNaN(f) || Double.isInfinite(f) ? Double.NaN : 0;
                    } else if (a.op() == AggregateOp.GROUP) {
                        value[at] = 1;
                    }
                    continue;
                }
                accumulate(a.op(), f, at, value, comp, mean, count, incremental);
            }
        }
        List<StepSeries> result = new ArrayList<>(groups);
        for (int g = 0; g < groups; g++) {
            StepSeries o = outputs[g];
            if (o == null) {
                continue;
            }
            int base = g * steps;
            for (int i = o.nextPresent(0); i >= 0; i = o.nextPresent(i + 1)) {
                int at = base + i;
                o.values[i] = switch (a.op()) {
                    case SUM -> value[at] + comp[at];
                    case AVG -> incremental[at]
                            ? mean[at] + comp[at]
                            : value[at] / count[at] + comp[at] / count[at];
                    case COUNT -> count[at];
                    case STDVAR -> value[at] / count[at];
                    case STDDEV -> Math.sqrt(value[at] / count[at]);
                    default -> value[at];
                };
            }
            result.add(o);
        }
        return new StepVector(grid, result);
    }

    private static void accumulate(AggregateOp op, double f, int at, double[] value, double[] comp, double[] mean,
            double[] count, boolean[] incremental) {
        switch (op) {
            case SUM -> {
                comp[at] = KahanSum.compensation(f, value[at], comp[at]);
                value[at] = value[at] + f;
            }
            case AVG -> {
                count[at]++;
                if (!incremental[at]) {
                    double newSum = value[at] + f;
                    if (!Double.isInfinite(newSum)) {
                        comp[at] = KahanSum.compensation(f, value[at], comp[at]);
                        value[at] = newSum;
                        return;
                    }
                    // The direct sum would overflow: continue with an incremental mean from here.
                    incremental[at] = true;
                    mean[at] = value[at] / (count[at] - 1);
                    comp[at] /= count[at] - 1;
                }
                double q = (count[at] - 1) / count[at];
                double inc = f / count[at];
                double m = q * mean[at];
                double c = q * comp[at];
                comp[at] = KahanSum.compensation(inc, m, c);
                mean[at] = m + inc;
            }
            case COUNT -> count[at]++;
            case MAX -> {
                if (value[at] < f || Double.isNaN(value[at])) {
                    value[at] = f;
                }
            }
            case MIN -> {
                if (value[at] > f || Double.isNaN(value[at])) {
                    value[at] = f;
                }
            }
            case STDDEV, STDVAR -> {
                count[at]++;
                double delta = f - mean[at];
                mean[at] += delta / count[at];
                value[at] += delta * (f - mean[at]);
            }
            case GROUP -> {
            }
            default -> throw new IllegalStateException("BUG: not a streaming aggregation: " + op);
        }
    }

    private StepVector quantile(AggregateExpr a, StepVector in, StepScalar param, StepGrid grid) {
        List<StepSeries> series = in.series();
        Grouping grouping = Grouping.of(series, a.grouping(), a.without());
        int steps = grid.count();
        StepSeries[] outputs = new StepSeries[grouping.groupCount];
        double[][] buffers = new double[grouping.groupCount][];
        int[] sizes = new int[grouping.groupCount];
        for (int i = 0; i < steps; i++) {
            double q = param.at(i);
            if (Double.isNaN(q) || q < 0 || q > 1) {
                ctx.annotations().warn("quantile value should be between 0 and 1, got " + GoNumbers.formatShortestGeneral(q),
                        a.param().position());
            }
            Arrays.fill(sizes, 0);
            for (int si = 0; si < series.size(); si++) {
                StepSeries s = series.get(si);
                if (!s.has(i)) {
                    continue;
                }
                int g = grouping.groupOf[si];
                if (buffers[g] == null) {
                    buffers[g] = new double[8];
                } else if (sizes[g] == buffers[g].length) {
                    buffers[g] = Arrays.copyOf(buffers[g], sizes[g] * 2);
                }
                buffers[g][sizes[g]++] = s.values[i];
                if (outputs[g] == null) {
                    outputs[g] = new StepSeries(grouping.groupLabels[g], steps);
                }
                if (s.dropName()) {
                    outputs[g].setDropName(true);
                }
            }
            for (int g = 0; g < grouping.groupCount; g++) {
                if (sizes[g] > 0) {
                    outputs[g].set(i, Quantiles.quantile(q, buffers[g], sizes[g]));
                }
            }
        }
        return new StepVector(grid, nonNull(outputs));
    }

    private StepVector countValues(AggregateExpr a, StepVector in, String valueLabel, StepGrid grid) {
        if (!LabelNames.isValid(valueLabel)) {
            throw new StrataException(ErrorCode.EXECUTION, "invalid label name " + GoQuote.quote(valueLabel));
        }
        List<String> grouping = a.grouping();
        if (!a.without()) {
            grouping = new ArrayList<>(grouping);
            grouping.add(valueLabel);
        }
        int steps = grid.count();
        Map<Labels, StepSeries> outputs = new HashMap<>();
        List<StepSeries> order = new ArrayList<>();
        LabelsBuilder b = new LabelsBuilder();
        for (int i = 0; i < steps; i++) {
            for (StepSeries s : in.series()) {
                if (!s.has(i)) {
                    continue;
                }
                b.reset();
                s.labels().forEach((n, v) -> b.add(n, v));
                b.set(valueLabel, GoNumbers.formatShortestFixed(s.values[i]));
                Labels key = Grouping.groupLabels(b.build(), grouping, a.without());
                StepSeries o = outputs.get(key);
                if (o == null) {
                    o = new StepSeries(key, steps);
                    outputs.put(key, o);
                    order.add(o);
                }
                o.set(i, o.has(i) ? o.values[i] + 1 : 1);
            }
        }
        return new StepVector(grid, order);
    }

    static List<StepSeries> nonNull(StepSeries[] outputs) {
        List<StepSeries> list = new ArrayList<>(outputs.length);
        for (StepSeries s : outputs) {
            if (s != null) {
                list.add(s);
            }
        }
        return list;
    }
}
