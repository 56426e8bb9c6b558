package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.promql.ast.AggregateExpr;
import io.strata.promql.ast.AggregateOp;
import io.strata.promql.parse.GoNumbers;

import java.util.ArrayList;
import java.util.List;

/**
 * topk, bottomk, limitk and limit_ratio: per step, a subset of each group's input series, which
 * keep their own labels. For an instant query the output is in Prometheus's order (best first
 * within a group); over a range each chosen series collects the steps it was chosen at.
 */
final class KSelection {
    private KSelection() {
    }

    /** topk, bottomk, limitk, limit_ratio: a subset of each group's input series per step. */
    static StepVector select(AggregateExpr a, StepVector in, StepScalar param, StepGrid grid, Annotations annotations) {
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
                    annotations.warn("ratio value should be between -1 and 1, got " + GoNumbers.formatShortestGeneral(p),
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
        return new StepVector(grid, instant ? instantOrder : Aggregations.nonNull(outputs));
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
}
