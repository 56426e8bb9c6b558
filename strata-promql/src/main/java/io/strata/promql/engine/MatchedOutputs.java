package io.strata.promql.engine;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.promql.ast.BinaryOp;
import io.strata.promql.ast.VectorMatching.Cardinality;
import io.strata.promql.ast.VectorMatching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The output series of a vector-vector operation, created once per distinct result label set
 * (Prometheus's resultMetric: the name dropped for arithmetic, on/ignoring applied, group_x
 * labels copied from the "one" side) and found again per step by the pair of inputs.
 */
final class MatchedOutputs {
    private final StepGrid grid;
    private final BinaryOp op;
    private final VectorMatching m;
    private final boolean returnBool;
    private final EvalContext ctx;
    private final Map<Labels, StepSeries> byLabels = new HashMap<>();
    private final List<StepSeries> order = new ArrayList<>();
    private final Map<Long, StepSeries> byPair = new HashMap<>();
    private final Map<Integer, StepSeries> byManyFill = new HashMap<>();
    private final Map<Integer, StepSeries> byOneFill = new HashMap<>();
    /** Per "many" series: its output (the last one with group_x labels). */
    private StepSeries[] byMany;
    /** Per "many" series: 1 + the "one" series of {@code byMany}'s pair, 0 for none. */
    private int[] lastOne;

    MatchedOutputs(StepGrid grid, BinaryOp op, VectorMatching m, boolean returnBool, EvalContext ctx) {
        this.grid = grid;
        this.op = op;
        this.m = m;
        this.returnBool = returnBool;
        this.ctx = ctx;
    }

    StepSeries forPair(StepSeries many, int manyIndex, StepSeries one, int oneIndex) {
        ensureCapacity(manyIndex);
        if (m.include().isEmpty()) {
            // Without group_x labels the result depends on the "many" side only.
            StepSeries s = byMany[manyIndex];
            if (s == null) {
                s = series(resultMetric(many.labels(), one.labels()));
                byMany[manyIndex] = s;
            }
            return s;
        }
        // With group_x labels it also takes labels from the "one" side. A series usually meets
        // the same partner at every step, so remember the last pair before asking the map.
        if (lastOne[manyIndex] == oneIndex + 1) {
            return byMany[manyIndex];
        }
        long key = ((long) manyIndex << 32) | (oneIndex & 0xffffffffL);
        StepSeries s = byPair.get(key);
        if (s == null) {
            s = series(resultMetric(many.labels(), one.labels()));
            byPair.put(key, s);
        }
        lastOne[manyIndex] = oneIndex + 1;
        byMany[manyIndex] = s;
        return s;
    }

    private void ensureCapacity(int manyIndex) {
        if (byMany == null) {
            byMany = new StepSeries[Math.max(manyIndex + 1, 16)];
            lastOne = new int[byMany.length];
        } else if (manyIndex >= byMany.length) {
            int n = Math.max(manyIndex + 1, byMany.length * 2);
            byMany = Arrays.copyOf(byMany, n);
            lastOne = Arrays.copyOf(lastOne, n);
        }
    }

    StepSeries forManyWithFill(StepSeries many, int manyIndex) {
        return byManyFill.computeIfAbsent(manyIndex,
                k -> series(resultMetric(many.labels(), matchLabels(many.labels()))));
    }

    StepSeries forOneWithFill(StepSeries one, int oneIndex) {
        return byOneFill.computeIfAbsent(oneIndex,
                k -> series(resultMetric(matchLabels(one.labels()), one.labels())));
    }

    private Labels matchLabels(Labels metric) {
        return MatchSignatures.signature(metric, m);
    }

    private StepSeries series(Labels labels) {
        StepSeries s = byLabels.get(labels);
        if (s == null) {
            s = new StepSeries(labels, grid.count());
            if (returnBool) {
                ctx.dropName(s);
            }
            byLabels.put(labels, s);
            order.add(s);
        }
        return s;
    }

    /** Prometheus's resultMetric: drop the name for arithmetic, apply on/ignoring, copy group_x labels. */
    private Labels resultMetric(Labels many, Labels one) {
        LabelsBuilder b = new LabelsBuilder();
        many.forEach(b::add);
        if (!op.isComparison()) {
            b.remove(Labels.METRIC_NAME);
            b.remove(MetricNames.TYPE_LABEL);
            b.remove(MetricNames.UNIT_LABEL);
        }
        if (m.cardinality() == Cardinality.ONE_TO_ONE) {
            if (m.on()) {
                Labels current = b.build();
                LabelsBuilder kept = new LabelsBuilder();
                for (String name : m.matchingLabels()) {
                    String v = current.get(name);
                    if (v != null) {
                        kept.set(name, v);
                    }
                }
                b = kept;
            } else {
                for (String name : m.matchingLabels()) {
                    b.remove(name);
                }
            }
        }
        for (String name : m.include()) {
            String v = one.get(name);
            if (v != null && !v.isEmpty()) {
                b.set(name, v);
            } else {
                b.remove(name);
            }
        }
        return b.build();
    }

    List<StepSeries> nonEmpty() {
        List<StepSeries> out = new ArrayList<>(order.size());
        for (StepSeries s : order) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
