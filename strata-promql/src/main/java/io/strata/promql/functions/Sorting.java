package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.StepGrid;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code sort}, {@code sort_desc}, {@code sort_by_label} and {@code sort_by_label_desc}. Order only
 * exists in an instant result: a range result is ordered by labels, so over several steps these
 * leave the vector as it is and warn, as Prometheus does. Names are kept.
 */
final class Sorting {
    static final String INEFFECTIVE_FOR_RANGE =
            "sort is ineffective for range queries since results are always ordered by labels";

    private Sorting() {
    }

    /** Ascending by value, NaN last. */
    static StepVector sort(FunctionCall call) {
        return sorted(call, Comparator.comparingDouble(s -> s.value(0)));
    }

    /** Descending by value, NaN still last. */
    static StepVector sortDesc(FunctionCall call) {
        return sorted(call, (a, b) -> {
            double x = a.value(0);
            double y = b.value(0);
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            return Double.compare(y, x);
        });
    }

    static StepVector sortByLabel(FunctionCall call) {
        return sorted(call, byLabels(labelArgs(call), false));
    }

    static StepVector sortByLabelDesc(FunctionCall call) {
        return sorted(call, byLabels(labelArgs(call), true));
    }

    private static String[] labelArgs(FunctionCall call) {
        String[] names = new String[call.argCount() - 1];
        for (int i = 1; i < call.argCount(); i++) {
            names[i - 1] = call.stringArg(i);
        }
        return names;
    }

    /**
     * Natural order of the given labels' values (a missing label is the empty string), then the
     * whole label set. Where upstream's natural order calls two different values neither smaller
     * nor larger (leading zeros: "01" and "1") its sort result depends on the algorithm; here the
     * two count as equal so the order stays a total order.
     */
    static Comparator<StepSeries> byLabels(String[] names, boolean descending) {
        Comparator<StepSeries> ascending = (a, b) -> {
            for (String name : names) {
                String x = valueOrEmpty(a.labels(), name);
                String y = valueOrEmpty(b.labels(), name);
                if (x.equals(y)) {
                    continue;
                }
                if (NaturalOrder.less(x, y)) {
                    return -1;
                }
                if (NaturalOrder.less(y, x)) {
                    return 1;
                }
            }
            return a.labels().compareTo(b.labels());
        };
        return descending ? ascending.reversed() : ascending;
    }

    private static String valueOrEmpty(Labels labels, String name) {
        String v = labels.get(name);
        return v == null ? "" : v;
    }

    private static StepVector sorted(FunctionCall call, Comparator<StepSeries> order) {
        StepVector in = call.vectorArg(0);
        StepGrid grid = call.grid();
        if (grid.startMs() != grid.endMs()) {
            call.annotations().warn(INEFFECTIVE_FOR_RANGE, call.position());
            return in;
        }
        // Only series with a value at the single step take part; the others produce nothing.
        List<StepSeries> series = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            if (s.has(0)) {
                series.add(s);
            }
        }
        series.sort(order);
        return new StepVector(grid, series);
    }
}
