package io.strata.promql.functions;

import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.StepGrid;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;

import java.util.ArrayList;
import java.util.Arrays;
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

    /** A series with the keys it is sorted by, computed once rather than per comparison. */
    private record Keyed(StepSeries series, double value, String[] labelValues) {
    }

    /** Ascending by value, NaN last. */
    static StepVector sort(FunctionCall call) {
        return sorted(call, new String[0], Comparator.comparingDouble(Keyed::value));
    }

    /** Descending by value, NaN still last. */
    static StepVector sortDesc(FunctionCall call) {
        return sorted(call, new String[0], (a, b) -> {
            double x = a.value();
            double y = b.value();
            if (Double.isNaN(x) || Double.isNaN(y)) {
                return Boolean.compare(Double.isNaN(x), Double.isNaN(y));
            }
            return Double.compare(y, x);
        });
    }

    static StepVector sortByLabel(FunctionCall call) {
        return sorted(call, labelArgs(call), byLabels(false));
    }

    static StepVector sortByLabelDesc(FunctionCall call) {
        return sorted(call, labelArgs(call), byLabels(true));
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
     * nor larger (leading zeros: "01" and "1") they count as equal here.
     */
    private static Comparator<Keyed> byLabels(boolean descending) {
        Comparator<Keyed> ascending = (a, b) -> {
            for (int i = 0; i < a.labelValues().length; i++) {
                String x = a.labelValues()[i];
                String y = b.labelValues()[i];
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
            return a.series().labels().compareTo(b.series().labels());
        };
        return descending ? ascending.reversed() : ascending;
    }

    private static StepVector sorted(FunctionCall call, String[] labelNames, Comparator<Keyed> order) {
        StepVector in = call.vectorArg(0);
        StepGrid grid = call.grid();
        if (grid.startMs() != grid.endMs()) {
            call.annotations().warn(INEFFECTIVE_FOR_RANGE, call.position());
            return in;
        }
        // Only series with a value at the single step take part; the others produce nothing.
        List<Keyed> keyed = new ArrayList<>(in.series().size());
        for (StepSeries s : in.series()) {
            if (s.has(0)) {
                String[] values = new String[labelNames.length];
                for (int i = 0; i < values.length; i++) {
                    String v = s.labels().get(labelNames[i]);
                    values[i] = v == null ? "" : v;
                }
                keyed.add(new Keyed(s, s.value(0), values));
            }
        }
        Keyed[] items = keyed.toArray(new Keyed[0]);
        mergeSort(items, order);
        List<StepSeries> out = new ArrayList<>(items.length);
        for (Keyed k : items) {
            out.add(k.series());
        }
        return new StepVector(grid, out);
    }

    /**
     * A stable merge sort that, unlike {@code List.sort}, never rejects a comparator for breaking
     * its contract: natural order is not guaranteed to be transitive on odd inputs, and a query
     * must not fail because of that.
     */
    static <T> void mergeSort(T[] items, Comparator<? super T> order) {
        if (items.length < 2) {
            return;
        }
        T[] buffer = Arrays.copyOf(items, items.length);
        mergeSort(buffer, items, 0, items.length, order);
    }

    /** Sorts {@code dst[from, to)} using {@code src} (same content on entry) as scratch. */
    private static <T> void mergeSort(T[] src, T[] dst, int from, int to, Comparator<? super T> order) {
        if (to - from < 2) {
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(dst, src, from, mid, order);
        mergeSort(dst, src, mid, to, order);
        int left = from;
        int right = mid;
        for (int i = from; i < to; i++) {
            if (right >= to || left < mid && order.compare(src[left], src[right]) <= 0) {
                dst[i] = src[left++];
            } else {
                dst[i] = src[right++];
            }
        }
    }
}
