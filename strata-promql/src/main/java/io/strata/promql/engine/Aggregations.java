package io.strata.promql.engine;

import io.strata.promql.parse.GoNumbers;
import io.strata.model.ErrorCode;
import io.strata.model.GoQuote;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.StrataException;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AggregateOp;
import io.strata.promql.ast.StringLiteral;

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
            case TOPK, BOTTOMK, LIMITK, LIMIT_RATIO -> selectK(a, in, param, grid);
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

    /** topk, bottomk, limitk, limit_ratio: a subset of each group's input series per step. */
    private StepVector selectK(AggregateExpr a, StepVector in, StepScalar param, StepGrid grid) {
        List<StepSeries> series = in.series();
        Grouping grouping = Grouping.of(series, a.grouping(), a.without());
        int steps = grid.count();
        StepSeries[] outputs = new StepSeries[series.size()];
        boolean instant = steps == 1;
        List<StepSeries> instantOrder = new ArrayList<>();
        int[][] members = groupMembers(grouping, series.size());
        int[] candidates = new int[series.size()];
        for (int i = 0; i < steps; i++) {
            double p = param.at(i);
            long k;
            double ratio = 0;
            if (a.op() == AggregateOp.LIMIT_RATIO) {
                if (Double.isNaN(p)) {
                    throw new StrataException(ErrorCode.EXECUTION, "Ratio value is NaN");
                }
                if (p < -1 || p > 1) {
                    ctx.annotations().warn("ratio value should be between -1 and 1, got " + GoNumbers.formatShortestGeneral(p),
                            a.param().position());
                }
                ratio = Math.max(-1, Math.min(1, p));
                if (ratio == 0) {
                    continue;
                }
                k = Long.MAX_VALUE;
            } else {
                k = Math.min(toInt64(p), series.size());
                if (k < 1) {
                    continue;
                }
            }
            for (int g = 0; g < grouping.groupCount; g++) {
                int n = 0;
                for (int si : members[g]) {
                    if (series.get(si).has(i)) {
                        candidates[n++] = si;
                    }
                }
                if (n == 0) {
                    continue;
                }
                int chosen = choose(a.op(), series, i, candidates, n, k, ratio);
                for (int c = 0; c < chosen; c++) {
                    int si = candidates[c];
                    StepSeries s = series.get(si);
                    if (outputs[si] == null) {
                        outputs[si] = new StepSeries(s.labels(), steps);
                        outputs[si].setDropName(s.dropName());
                    }
                    outputs[si].set(i, s.values[i]);
                    if (instant) {
                        instantOrder.add(outputs[si]);
                    }
                }
            }
        }
        return new StepVector(grid, instant ? instantOrder : nonNull(outputs));
    }

    /** Moves the chosen series to the front of {@code candidates}, in output order; returns how many. */
    private static int choose(AggregateOp op, List<StepSeries> series, int step, int[] candidates, int n, long k,
            double ratio) {
        switch (op) {
            case LIMITK -> {
                return (int) Math.min(k, n);
            }
            case LIMIT_RATIO -> {
                int kept = 0;
                for (int c = 0; c < n; c++) {
                    if (RatioSampler.keep(ratio, series.get(candidates[c]).labels())) {
                        candidates[kept++] = candidates[c];
                    }
                }
                return kept;
            }
            default -> {
                return selectBest(series, step, candidates, n, (int) Math.min(k, n), op == AggregateOp.TOPK);
            }
        }
    }

    /**
     * Moves the {@code k} best candidates (largest for topk, smallest for bottomk, NaN last, the
     * earlier series first among equals) to the front of {@code candidates}, best first. A heap
     * of k keeps this O(n log k) per step: topk(10, x) over thousands of series sorts nothing big.
     */
    private static int selectBest(List<StepSeries> series, int step, int[] candidates, int n, int k, boolean top) {
        int[] heap = new int[k];
        int size = 0;
        for (int c = 0; c < n; c++) {
            int idx = candidates[c];
            if (size < k) {
                heap[size] = idx;
                siftUp(heap, size++, series, step, top);
            } else if (worse(heap[0], idx, series, step, top)) {
                heap[0] = idx;
                siftDown(heap, size, series, step, top);
            }
        }
        Integer[] chosen = new Integer[size];
        for (int i = 0; i < size; i++) {
            chosen[i] = heap[i];
        }
        java.util.Arrays.sort(chosen, (x, y) -> worse(x, y, series, step, top) ? 1 : worse(y, x, series, step, top) ? -1 : 0);
        for (int i = 0; i < size; i++) {
            candidates[i] = chosen[i];
        }
        return size;
    }

    /** Whether series {@code a} ranks after {@code b} at this step. */
    private static boolean worse(int a, int b, List<StepSeries> series, int step, boolean top) {
        int cmp = compareForK(series.get(a).values[step], series.get(b).values[step], top);
        return cmp > 0 || (cmp == 0 && a > b);
    }

    /** The heap keeps the worst of the chosen at the root. */
    private static void siftUp(int[] heap, int i, List<StepSeries> series, int step, boolean top) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!worse(heap[i], heap[parent], series, step, top)) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[parent];
            heap[parent] = t;
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int size, List<StepSeries> series, int step, boolean top) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int w = l;
            if (l + 1 < size && worse(heap[l + 1], heap[l], series, step, top)) {
                w = l + 1;
            }
            if (!worse(heap[w], heap[i], series, step, top)) {
                return;
            }
            int t = heap[i];
            heap[i] = heap[w];
            heap[w] = t;
            i = w;
        }
    }

    private static int compareForK(double x, double y, boolean top) {
        boolean xNaN = Double.isNaN(x);
        boolean yNaN = Double.isNaN(y);
        if (xNaN || yNaN) {
            return Boolean.compare(xNaN, yNaN);
        }
        return top ? Double.compare(y, x) : Double.compare(x, y);
    }

    private static long toInt64(double p) {
        if (Double.isNaN(p)) {
            throw new StrataException(ErrorCode.EXECUTION, "Parameter value is NaN");
        }
        if (p <= -9.223372036854775808E18) {
            throw new StrataException(ErrorCode.EXECUTION, "Scalar value " + GoNumbers.formatShortestGeneral(p) + " underflows int64");
        }
        if (p >= 9.223372036854775807E18) {
            throw new StrataException(ErrorCode.EXECUTION, "Scalar value " + GoNumbers.formatShortestGeneral(p) + " overflows int64");
        }
        return (long) p;
    }

    private static int[][] groupMembers(Grouping grouping, int seriesCount) {
        int[] sizes = new int[grouping.groupCount];
        for (int si = 0; si < seriesCount; si++) {
            sizes[grouping.groupOf[si]]++;
        }
        int[][] members = new int[grouping.groupCount][];
        for (int g = 0; g < members.length; g++) {
            members[g] = new int[sizes[g]];
            sizes[g] = 0;
        }
        for (int si = 0; si < seriesCount; si++) {
            int g = grouping.groupOf[si];
            members[g][sizes[g]++] = si;
        }
        return members;
    }

    private static List<StepSeries> nonNull(StepSeries[] outputs) {
        List<StepSeries> list = new ArrayList<>(outputs.length);
        for (StepSeries s : outputs) {
            if (s != null) {
                list.add(s);
            }
        }
        return list;
    }
}
