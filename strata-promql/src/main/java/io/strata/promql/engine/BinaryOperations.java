package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.promql.ast.BinaryExpr;
import io.strata.promql.ast.BinaryOp;
import io.strata.promql.ast.VectorMatching.Cardinality;
import io.strata.promql.ast.VectorMatching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
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
                case AND, OR, UNLESS -> SetOperations.eval(b, lv, rv);
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
        MatchSignatures sigs = MatchSignatures.of(many, one, m);
        int sigCount = sigs.count();
        int[] oneAt = new int[sigCount];
        boolean[] matched = new boolean[sigCount];
        // Many-to-one only: the result label sets seen per signature at this step.
        @SuppressWarnings("unchecked")
        Set<Labels>[] insertedPerSig = m.cardinality() == Cardinality.ONE_TO_ONE ? null : new Set[sigCount];
        MatchedOutputs outputs = new MatchedOutputs(grid, op, m, b.returnBool(), ctx);
        boolean comparison = op.isComparison();
        for (int i = 0; i < grid.count(); i++) {
            if ((i & 63) == 63) {
                ctx.checkInterrupted();
            }
            Arrays.fill(oneAt, -1);
            Arrays.fill(matched, false);
            if (insertedPerSig != null) {
                Arrays.fill(insertedPerSig, null);
            }
            for (int j = 0; j < one.size(); j++) {
                if (!one.get(j).has(i)) {
                    continue;
                }
                int sig = sigs.right()[j];
                if (oneAt[sig] >= 0) {
                    duplicateOnOneSide(swapped, one.get(j).labels(), one.get(oneAt[sig]).labels(), sigs.signatures().get(sig));
                }
                oneAt[sig] = j;
            }
            for (int j = 0; j < many.size(); j++) {
                StepSeries ms = many.get(j);
                if (!ms.has(i)) {
                    continue;
                }
                int sig = sigs.left()[j];
                int r = oneAt[sig];
                if (r < 0 && fillForOne == null) {
                    continue;
                }
                double manyValue = ms.values[i];
                double oneValue = r >= 0 ? one.get(r).values[i] : fillForOne;
                StepSeries target = r >= 0 ? outputs.forPair(ms, j, one.get(r), r) : outputs.forManyWithFill(ms, j);
                apply(op, comparison, b.returnBool(), swapped, manyValue, oneValue, target, i, sig, matched,
                        insertedPerSig);
            }
            if (fillForMany != null) {
                for (int sig = 0; sig < sigCount; sig++) {
                    int r = oneAt[sig];
                    if (r < 0 || matched[sig]) {
                        continue;
                    }
                    StepSeries target = outputs.forOneWithFill(one.get(r), r);
                    apply(op, comparison, b.returnBool(), swapped, fillForMany, one.get(r).values[i], target, i, sig,
                            matched, insertedPerSig);
                }
            }
        }
        return new StepVector(grid, outputs.nonEmpty());
    }

    private void apply(BinaryOp op, boolean comparison, boolean returnBool, boolean swapped, double manyValue,
            double oneValue, StepSeries target, int step, int sig, boolean[] matched, Set<Labels>[] insertedPerSig) {
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
            Set<Labels> inserted = insertedPerSig[sig];
            if (inserted == null) {
                inserted = new HashSet<>();
                insertedPerSig[sig] = inserted;
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

    private static void duplicateOnOneSide(boolean swapped, Labels a, Labels b, Labels sig) {
        String side = swapped ? "left" : "right";
        // Sorted, so the message does not depend on the order series came from storage.
        Labels first = a.compareTo(b) <= 0 ? a : b;
        Labels second = first == a ? b : a;
        throw new StrataException(ErrorCode.EXECUTION, "found duplicate series for the match group "
                + LabelsText.braces(sig) + " on the " + side + " hand-side of the operation: ["
                + LabelsText.braces(first) + ", " + LabelsText.braces(second) + "]"
                + ";many-to-many matching not allowed: matching labels must be unique on one side");
    }
}
