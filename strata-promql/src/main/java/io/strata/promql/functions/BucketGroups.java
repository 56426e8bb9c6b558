package io.strata.promql.functions;

import io.strata.model.GoQuote;
import io.strata.model.Labels;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The classic histograms in an instant vector: series grouped by all their labels but {@code le},
 * each member's bucket bound parsed once, members ordered by bound. Labels do not change from
 * step to step, so this is computed once per call and {@link #gather} then only copies the counts
 * present at a step into caller-owned scratch arrays.
 */
final class BucketGroups {
    static final String LE = "le";
    static final String BAD_BUCKET_LABEL = "bucket label \"le\" is missing or has a malformed value of ";

    /** Each group's labels: a member's labels without {@code le} (the metric name stays). */
    final Labels[] labels;
    /** Per group, the member series ordered by bucket bound. */
    private final StepSeries[][] members;
    private final double[][] bounds;
    private final int largestGroup;

    private BucketGroups(Labels[] labels, StepSeries[][] members, double[][] bounds) {
        this.labels = labels;
        this.members = members;
        this.bounds = bounds;
        int largest = 0;
        for (StepSeries[] m : members) {
            largest = Math.max(largest, m.length);
        }
        this.largestGroup = largest;
    }

    /**
     * Groups the series of {@code in}. A series with a missing or unparsable {@code le} is left out
     * with a warning at {@code position}, which names the metric only under delayed name removal
     * (otherwise the name may already be gone, and Prometheus leaves it out).
     */
    static BucketGroups of(StepVector in, FunctionCall call, PositionRange position) {
        Map<Labels, List<StepSeries>> byLabels = new HashMap<>();
        Map<Labels, List<Double>> boundsByLabels = new HashMap<>();
        List<Labels> order = new ArrayList<>();
        for (StepSeries s : in.series()) {
            if (s.isEmpty()) {
                continue;
            }
            String le = s.labels().get(LE);
            Double bound = GoStrconv.parseFloat(le);
            if (bound == null) {
                call.annotations().warn(badBucketLabel(s.labels(), le, call.delayedNameRemoval()), position);
                continue;
            }
            Labels key = s.labels().without(LE);
            List<StepSeries> group = byLabels.get(key);
            if (group == null) {
                group = new ArrayList<>();
                byLabels.put(key, group);
                boundsByLabels.put(key, new ArrayList<>());
                order.add(key);
            }
            group.add(s);
            boundsByLabels.get(key).add(bound);
        }
        Labels[] labels = order.toArray(new Labels[0]);
        StepSeries[][] members = new StepSeries[labels.length][];
        double[][] bounds = new double[labels.length][];
        for (int g = 0; g < labels.length; g++) {
            List<StepSeries> group = byLabels.get(labels[g]);
            List<Double> groupBounds = boundsByLabels.get(labels[g]);
            Integer[] idx = new Integer[group.size()];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = i;
            }
            // Stable, so equal bounds keep their input order when coalesced.
            Arrays.sort(idx, (a, b) -> Double.compare(groupBounds.get(a), groupBounds.get(b)));
            members[g] = new StepSeries[idx.length];
            bounds[g] = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                members[g][i] = group.get(idx[i]);
                bounds[g][i] = groupBounds.get(idx[i]);
            }
        }
        return new BucketGroups(labels, members, bounds);
    }

    private static String badBucketLabel(Labels labels, String le, boolean withName) {
        String message = BAD_BUCKET_LABEL + GoQuote.quote(le == null ? "" : le);
        String name = labels.metricName();
        return withName && name != null ? message + " for metric name " + GoQuote.quote(name) : message;
    }

    int size() {
        return labels.length;
    }

    /** Scratch arrays large enough for any group. */
    double[] newScratch() {
        return new double[Math.max(1, largestGroup)];
    }

    /**
     * Copies the bounds and counts of group {@code g}'s buckets present at {@code step}, in bound
     * order, into the scratch arrays, and returns how many there are.
     */
    int gather(int g, int step, double[] upper, double[] count) {
        StepSeries[] m = members[g];
        double[] b = bounds[g];
        int n = 0;
        for (int i = 0; i < m.length; i++) {
            if (m[i].has(step)) {
                upper[n] = b[i];
                count[n] = m[i].value(step);
                n++;
            }
        }
        return n;
    }
}
