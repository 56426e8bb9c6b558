package io.strata.promql.engine;

import io.strata.promql.ast.BinaryExpr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code and}, {@code or} and {@code unless}: at each step a side's points survive or not
 * depending on whether the other side has a series with the same signature there. Labels are
 * left as they are; the inputs' columns are reused for the output.
 */
final class SetOperations {
    private SetOperations() {
    }

    static StepVector eval(BinaryExpr b, StepVector lhs, StepVector rhs) {
        List<StepSeries> ls = lhs.series();
        List<StepSeries> rs = rhs.series();
        MatchSignatures sigs = MatchSignatures.of(ls, rs, b.matching());
        int steps = lhs.grid().count();
        List<StepSeries> out = new ArrayList<>();
        switch (b.op()) {
            case AND -> clearWhere(ls, sigs.left(), rs, sigs.right(), false, sigs.count(), steps);
            case UNLESS -> clearWhere(ls, sigs.left(), rs, sigs.right(), true, sigs.count(), steps);
            case OR -> {
                clearWhere(rs, sigs.right(), ls, sigs.left(), true, sigs.count(), steps);
                addNonEmpty(ls, out);
                addNonEmpty(rs, out);
                return new StepVector(lhs.grid(), out);
            }
            default -> throw new IllegalStateException("BUG: not a set operator: " + b.op());
        }
        addNonEmpty(ls, out);
        return new StepVector(lhs.grid(), out);
    }

    /**
     * At each step, clears the points of {@code target} whose signature is ({@code whenPresent})
     * or is not present in {@code probe} at that step.
     */
    private static void clearWhere(List<StepSeries> target, int[] targetSigs, List<StepSeries> probe, int[] probeSigs,
            boolean whenPresent, int sigCount, int steps) {
        boolean[] present = new boolean[sigCount];
        for (int i = 0; i < steps; i++) {
            Arrays.fill(present, false);
            for (int j = 0; j < probe.size(); j++) {
                if (probe.get(j).has(i)) {
                    present[probeSigs[j]] = true;
                }
            }
            for (int j = 0; j < target.size(); j++) {
                StepSeries s = target.get(j);
                if (s.has(i) && present[targetSigs[j]] == whenPresent) {
                    s.clear(i);
                }
            }
        }
    }

    private static void addNonEmpty(List<StepSeries> series, List<StepSeries> out) {
        for (StepSeries s : series) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
    }
}
