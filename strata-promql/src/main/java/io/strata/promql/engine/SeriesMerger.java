package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins series that ended up with the same labels (after dropping {@code __name__}, say). Over a
 * range query they may take turns: {@code a{x="1"}} at some steps, {@code b{x="1"}} at others. At
 * a step where both have a value, Prometheus fails the query, and so do we.
 */
final class SeriesMerger {
    static final String DUPLICATE_LABELSET = "vector cannot contain metrics with the same labelset";

    private SeriesMerger() {
    }

    static StepVector mergeSameLabels(StepVector vector, EvalContext ctx) {
        List<StepSeries> series = vector.series();
        if (series.size() < 2) {
            return vector;
        }
        Map<Key, StepSeries> first = new HashMap<>(series.size() * 2);
        boolean collision = false;
        for (StepSeries s : series) {
            if (first.putIfAbsent(new Key(s.labels(), s.dropName()), s) != null) {
                collision = true;
                break;
            }
        }
        if (!collision) {
            return vector;
        }
        Map<Key, StepSeries> merged = new HashMap<>(series.size() * 2);
        List<StepSeries> out = new ArrayList<>(series.size());
        for (StepSeries s : series) {
            Key key = new Key(s.labels(), s.dropName());
            StepSeries into = merged.get(key);
            if (into == null) {
                merged.put(key, s);
                out.add(s);
                continue;
            }
            mergeInto(into, s);
        }
        return new StepVector(vector.grid(), out);
    }

    /** Copies the points of {@code from} into {@code into}; both having a point at one step is an error. */
    static void mergeInto(StepSeries into, StepSeries from) {
        for (int i = from.nextPresent(0); i >= 0; i = from.nextPresent(i + 1)) {
            if (into.has(i)) {
                throw new StrataException(ErrorCode.EXECUTION, DUPLICATE_LABELSET);
            }
            into.set(i, from.value(i));
        }
    }

    private record Key(Labels labels, boolean dropName) {
    }
}
