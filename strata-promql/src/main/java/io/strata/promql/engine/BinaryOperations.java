package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.StrataException;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.BinaryOp;
import io.strata.promql.ast.VectorMatching;
import io.strata.promql.ast.VectorMatching.Cardinality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Binary operators between scalars and instant vectors, with Prometheus's vector matching.
 * Series are paired by a signature (the {@code on} labels, or all labels but the
 * {@code ignoring} ones and {@code __name__}) numbered once per query, so the per-step work is
 * array lookups by signature number.
 */
final class BinaryOperations {
    private final EvalContext ctx;
    private final Evaluator evaluator;

    BinaryOperations(EvalContext ctx, Evaluator evaluator) {
        this.ctx = ctx;
        this.evaluator = evaluator;
    }

    EvalValue eval(BinaryExpr b, StepGrid grid) {
        EvalValue l = evaluator.eval(b.lhs(), grid);
        EvalValue r = evaluator.eval(b.rhs(), grid);
        // Operators reuse their inputs' columns, so count what to release before they change.
        long held = Evaluator.points(l) + Evaluator.points(r);
        EvalValue result;
        if (l instanceof StepScalar ls && r instanceof StepScalar rs) {
            result = scalars(b.op(), ls, rs);
        } else if (l instanceof StepVector lv && r instanceof StepScalar rs) {
            result = vectorScalar(b, lv, rs, false);
        } else if (l instanceof StepScalar ls && r instanceof StepVector rv) {
            result = vectorScalar(b, rv, ls, true);
        } else {
            StepVector lv = (StepVector) l;
            StepVector rv = (StepVector) r;
            result = switch (b.op()) {
                case AND, OR, UNLESS -> setOperation(b, lv, rv);
                default -> vectors(b, lv, rv);
            };
        }
        ctx.budget().release(held);
        if (result instanceof StepVector v) {
            ctx.budget().acquire(v.pointCount());
            return SeriesMerger.mergeSameLabels(v, ctx);
        }
        return result;
    }

    private static StepScalar scalars(BinaryOp op, StepScalar l, StepScalar r) {
        double[] out = new double[l.values().length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ScalarMath.apply(op, l.values()[i], r.values()[i]);
        }
        return new StepScalar(out);
    }

    private StepVector vectorScalar(BinaryExpr b, StepVector vector, StepScalar scalar, boolean scalarOnLeft) {
        BinaryOp op = b.op();
        if (op == BinaryOp.TRIM_UPPER || op == BinaryOp.TRIM_LOWER) {
            ctx.annotations().info(incompatibleTypes("float", op, "float"), b.position());
            return StepVector.empty(vector.grid());
        }
        boolean comparison = op.isComparison();
        boolean changesName = !comparison || b.returnBool();
        List<StepSeries> out = new ArrayList<>(vector.series().size());
        for (StepSeries s : vector.series()) {
            for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                double v = s.values[i];
                double c = scalar.values()[i];
                double l = scalarOnLeft ? c : v;
                double r = scalarOnLeft ? v : c;
                if (comparison) {
                    boolean keep = ScalarMath.compare(op, l, r);
                    if (b.returnBool()) {
                        s.values[i] = keep ? 1 : 0;
                    } else if (!keep) {
                        s.clear(i);
                    }
                    // Without bool the vector's own value stays, whichever side it was on.
                } else {
                    s.values[i] = ScalarMath.apply(op, l, r);
                }
            }
            if (s.isEmpty()) {
                continue;
            }
            if (changesName) {
                ctx.dropName(s);
            }
            out.add(s);
        }
        return new StepVector(vector.grid(), out);
    }

    private static String incompatibleTypes(String left, BinaryOp op, String right) {
        return "incompatible sample types encountered for binary operator \"" + op.text() + "\": " + left + " "
                + op.text() + " " + right;
    }

    /** Signature of a series for matching: the {@code on} labels, or all but {@code ignoring} and the name. */
    static Labels signature(Labels metric, VectorMatching m) {
        if (m.on()) {
            LabelsBuilder b = new LabelsBuilder();
            for (String name : m.matchingLabels()) {
                String v = metric.get(name);
                if (v != null && !v.isEmpty()) {
                    b.set(name, v);
                }
            }
            return b.build();
        }
        String[] drop = m.matchingLabels().toArray(new String[m.matchingLabels().size() + 1]);
        drop[drop.length - 1] = Labels.METRIC_NAME;
        return metric.without(drop);
    }

    /** Numbers the signatures of both sides with one shared numbering. */
    private static int[][] signatureOrdinals(List<StepSeries> lhs, List<StepSeries> rhs, VectorMatching m,
            List<Labels> signatures) {
        Map<Labels, Integer> ordinals = new HashMap<>();
        int[][] result = new int[2][];
        List<List<StepSeries>> sides = List.of(lhs, rhs);
        for (int side = 0; side < 2; side++) {
            List<StepSeries> series = sides.get(side);
            int[] ords = new int[series.size()];
            for (int i = 0; i < ords.length; i++) {
                Labels sig = signature(series.get(i).labels(), m);
                Integer ord = ordinals.get(sig);
                if (ord == null) {
                    ord = ordinals.size();
                    ordinals.put(sig, ord);
                    signatures.add(sig);
                }
                ords[i] = ord;
            }
            result[side] = ords;
        }
        return result;
    }

    private StepVector setOperation(BinaryExpr b, StepVector lhs, StepVector rhs) {
        StepGrid grid = lhs.grid();
        List<StepSeries> ls = lhs.series();
        List<StepSeries> rs = rhs.series();
        int[][] ords = signatureOrdinals(ls, rs, b.matching(), new ArrayList<>());
        int sigCount = 0;
        for (int[] side : ords) {
            for (int o : side) {
                sigCount = Math.max(sigCount, o + 1);
            }
        }
        boolean[] present = new boolean[sigCount];
        List<StepSeries> out = new ArrayList<>();
        switch (b.op()) {
            case AND, UNLESS -> {
                boolean and = b.op() == BinaryOp.AND;
                for (int i = 0; i < grid.count(); i++) {
                    Arrays.fill(present, false);
                    for (int j = 0; j < rs.size(); j++) {
                        if (rs.get(j).has(i)) {
                            present[ords[1][j]] = true;
                        }
                    }
                    for (int j = 0; j < ls.size(); j++) {
                        StepSeries s = ls.get(j);
                        if (s.has(i) && present[ords[0][j]] != and) {
                            s.clear(i);
                        }
                    }
                }
                for (StepSeries s : ls) {
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
            }
            case OR -> {
                for (int i = 0; i < grid.count(); i++) {
                    Arrays.fill(present, false);
                    for (int j = 0; j < ls.size(); j++) {
                        if (ls.get(j).has(i)) {
                            present[ords[0][j]] = true;
                        }
                    }
                    for (int j = 0; j < rs.size(); j++) {
                        StepSeries s = rs.get(j);
                        if (s.has(i) && present[ords[1][j]]) {
                            s.clear(i);
                        }
                    }
                }
                for (StepSeries s : ls) {
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
                for (StepSeries s : rs) {
                    if (!s.isEmpty()) {
                        out.add(s);
                    }
                }
            }
            default -> throw new IllegalStateException("BUG: not a set operator: " + b.op());
        }
        return new StepVector(grid, out);
    }

    /** Arithmetic and comparisons between two vectors: one-to-one, many-to-one, one-to-many. */
    private StepVector vectors(BinaryExpr b, StepVector lhsVector, StepVector rhsVector) {
        StepGrid grid = lhsVector.grid();
        VectorMatching m = b.matching();
        BinaryOp op = b.op();
        boolean swapped = m.cardinality() == Cardinality.ONE_TO_MANY;
        List<StepSeries> many = swapped ? rhsVector.series() : lhsVector.series();
        List<StepSeries> one = swapped ? lhsVector.series() : rhsVector.series();
        if (op == BinaryOp.TRIM_UPPER || op == BinaryOp.TRIM_LOWER) {
            if (!many.isEmpty() && !one.isEmpty()) {
                ctx.annotations().info(incompatibleTypes("float", op, "float"), b.position());
            }
            return StepVector.empty(grid);
        }
        // As in Prometheus, fill_right() stands in for a missing "one" side and fill_left() for a
        // missing "many" side, also under group_right where the sides are swapped.
        Double fillForOne = m.fillRight();
        Double fillForMany = m.fillLeft();
        List<Labels> signatures = new ArrayList<>();
        int[][] ords = signatureOrdinals(many, one, m, signatures);
        int sigCount = signatures.size();
        int[] oneAt = new int[sigCount];
        boolean[] matched = new boolean[sigCount];
        List<Set<Labels>> insertedPerSig = m.cardinality() == Cardinality.ONE_TO_ONE ? null : new ArrayList<>();
        Outputs outputs = new Outputs(grid, op, m, b.returnBool(), ctx);
        boolean comparison = op.isComparison();
        for (int i = 0; i < grid.count(); i++) {
            if ((i & 63) == 63) {
                ctx.checkInterrupted();
            }
            Arrays.fill(oneAt, -1);
            Arrays.fill(matched, false);
            if (insertedPerSig != null) {
                insertedPerSig.clear();
                for (int s = 0; s < sigCount; s++) {
                    insertedPerSig.add(null);
                }
            }
            for (int j = 0; j < one.size(); j++) {
                if (!one.get(j).has(i)) {
                    continue;
                }
                int sig = ords[1][j];
                if (oneAt[sig] >= 0) {
                    duplicateOnOneSide(m, swapped, one.get(j).labels(), one.get(oneAt[sig]).labels(), signatures.get(sig));
                }
                oneAt[sig] = j;
            }
            for (int j = 0; j < many.size(); j++) {
                StepSeries ms = many.get(j);
                if (!ms.has(i)) {
                    continue;
                }
                int sig = ords[0][j];
                int r = oneAt[sig];
                if (r < 0 && fillForOne == null) {
                    continue;
                }
                double manyValue = ms.values[i];
                double oneValue = r >= 0 ? one.get(r).values[i] : fillForOne;
                StepSeries target = r >= 0 ? outputs.forPair(ms, j, one.get(r), r) : outputs.forManyWithFill(ms, j);
                apply(op, comparison, b.returnBool(), swapped, manyValue, oneValue, target, i, sig, matched,
                        insertedPerSig, m);
            }
            if (fillForMany != null) {
                for (int sig = 0; sig < sigCount; sig++) {
                    int r = oneAt[sig];
                    if (r < 0 || matched[sig]) {
                        continue;
                    }
                    StepSeries target = outputs.forOneWithFill(one.get(r), r);
                    apply(op, comparison, b.returnBool(), swapped, fillForMany, one.get(r).values[i], target, i, sig,
                            matched, insertedPerSig, m);
                }
            }
        }
        return new StepVector(grid, outputs.nonEmpty());
    }

    private void apply(BinaryOp op, boolean comparison, boolean returnBool, boolean swapped, double manyValue,
            double oneValue, StepSeries target, int step, int sig, boolean[] matched, List<Set<Labels>> insertedPerSig,
            VectorMatching m) {
        double l = swapped ? oneValue : manyValue;
        double r = swapped ? manyValue : oneValue;
        double value;
        boolean keep = true;
        if (comparison) {
            keep = ScalarMath.compare(op, l, r);
            value = l;
        } else {
            value = ScalarMath.apply(op, l, r);
        }
        if (returnBool) {
            value = keep ? 1 : 0;
        }
        if (insertedPerSig == null) {
            if (matched[sig]) {
                throw new StrataException(ErrorCode.EXECUTION,
                        "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            }
        } else {
            Set<Labels> inserted = insertedPerSig.get(sig);
            if (inserted == null) {
                inserted = new HashSet<>();
                insertedPerSig.set(sig, inserted);
            }
            if (!inserted.add(target.labels())) {
                throw new StrataException(ErrorCode.EXECUTION,
                        "multiple matches for labels: grouping labels must ensure unique matches");
            }
        }
        matched[sig] = true;
        if (!keep && !returnBool) {
            return;
        }
        if (target.has(step)) {
            throw new StrataException(ErrorCode.EXECUTION, SeriesMerger.DUPLICATE_LABELSET);
        }
        target.set(step, value);
    }

    private static void duplicateOnOneSide(VectorMatching m, boolean swapped, Labels a, Labels b, Labels sig) {
        String side = swapped ? "left" : "right";
        // Sorted, so the message does not depend on the order series came from storage.
        Labels first = a.compareTo(b) <= 0 ? a : b;
        Labels second = first == a ? b : a;
        throw new StrataException(ErrorCode.EXECUTION, "found duplicate series for the match group "
                + LabelsText.braces(sig) + " on the " + side + " hand-side of the operation: ["
                + LabelsText.braces(first) + ", " + LabelsText.braces(second) + "]"
                + ";many-to-many matching not allowed: matching labels must be unique on one side");
    }

    /** Output series of a vector-vector operation, created once per distinct result label set. */
    private static final class Outputs {
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
        private StepSeries[] byMany;

        Outputs(StepGrid grid, BinaryOp op, VectorMatching m, boolean returnBool, EvalContext ctx) {
            this.grid = grid;
            this.op = op;
            this.m = m;
            this.returnBool = returnBool;
            this.ctx = ctx;
        }

        StepSeries forPair(StepSeries many, int manyIndex, StepSeries one, int oneIndex) {
            if (m.include().isEmpty() && m.cardinality() == Cardinality.ONE_TO_ONE) {
                // Without group_x labels the result depends on the "many" side only.
                if (byMany == null) {
                    byMany = new StepSeries[Math.max(manyIndex + 1, 16)];
                } else if (manyIndex >= byMany.length) {
                    byMany = Arrays.copyOf(byMany, Math.max(manyIndex + 1, byMany.length * 2));
                }
                StepSeries s = byMany[manyIndex];
                if (s == null) {
                    s = series(resultMetric(many.labels(), one.labels()));
                    byMany[manyIndex] = s;
                }
                return s;
            }
            long key = ((long) manyIndex << 32) | (oneIndex & 0xffffffffL);
            StepSeries s = byPair.get(key);
            if (s == null) {
                s = series(resultMetric(many.labels(), one.labels()));
                byPair.put(key, s);
            }
            return s;
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
            return signature(metric, m);
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
                    LabelsBuilder kept = new LabelsBuilder();
                    for (String name : m.matchingLabels()) {
                        String v = b.build().get(name);
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
}
