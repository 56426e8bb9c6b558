package io.strata.promql.engine;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.promql.ast.VectorMatching;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The matching signatures of both sides of a vector operation, numbered once per query with one
 * shared numbering, so the per-step join is an array lookup by signature number.
 *
 * @param left the signature number of each left series
 * @param right the signature number of each right series
 * @param signatures the signature of each number
 */
record MatchSignatures(int[] left, int[] right, List<Labels> signatures) {
    static MatchSignatures of(List<StepSeries> left, List<StepSeries> right, VectorMatching m) {
        Map<Labels, Integer> ordinals = new HashMap<>();
        List<Labels> signatures = new ArrayList<>();
        return new MatchSignatures(number(left, m, ordinals, signatures), number(right, m, ordinals, signatures),
                signatures);
    }

    int count() {
        return signatures.size();
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

    private static int[] number(List<StepSeries> series, VectorMatching m, Map<Labels, Integer> ordinals,
            List<Labels> signatures) {
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
        return ords;
    }
}
