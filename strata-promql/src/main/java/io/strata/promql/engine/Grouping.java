package io.strata.promql.engine;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns the series of an aggregation to output groups: {@code by(...)} keeps only the listed
 * labels, {@code without(...)} removes them and {@code __name__}. Groups are numbered in order of
 * first appearance, which is the order Prometheus emits them.
 */
final class Grouping {
    final int[] groupOf;
    final Labels[] groupLabels;
    final int groupCount;

    private Grouping(int[] groupOf, Labels[] groupLabels, int groupCount) {
        this.groupOf = groupOf;
        this.groupLabels = groupLabels;
        this.groupCount = groupCount;
    }

    static Grouping of(List<StepSeries> series, List<String> labels, boolean without) {
        int[] groupOf = new int[series.size()];
        Map<Labels, Integer> index = new HashMap<>();
        Labels[] groupLabels = new Labels[Math.max(1, series.size())];
        int n = 0;
        for (int i = 0; i < groupOf.length; i++) {
            Labels key = groupLabels(series.get(i).labels(), labels, without);
            Integer g = index.get(key);
            if (g == null) {
                g = n++;
                index.put(key, g);
                groupLabels[g] = key;
            }
            groupOf[i] = g;
        }
        return new Grouping(groupOf, groupLabels, n);
    }

    static Labels groupLabels(Labels metric, List<String> labels, boolean without) {
        if (without) {
            String[] drop = new String[labels.size() + 1];
            for (int i = 0; i < labels.size(); i++) {
                drop[i] = labels.get(i);
            }
            drop[labels.size()] = Labels.METRIC_NAME;
            return metric.without(drop);
        }
        if (labels.isEmpty()) {
            return Labels.EMPTY;
        }
        LabelsBuilder b = new LabelsBuilder();
        for (String name : labels) {
            String v = metric.get(name);
            if (v != null && !v.isEmpty()) {
                b.set(name, v);
            }
        }
        return b.build();
    }
}
