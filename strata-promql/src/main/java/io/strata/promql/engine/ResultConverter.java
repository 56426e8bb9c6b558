package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Scalar;
import io.strata.promql.value.StringValue;
import io.strata.promql.value.Value;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the engine's columns into the API's values, applying delayed name removal last (and
 * failing, as Prometheus does, when that makes two series identical at one time).
 */
final class ResultConverter {
    private ResultConverter() {
    }

    static Value instant(EvalValue value, long timeMs, boolean delayedNames) {
        return switch (value) {
            case StepScalar s -> new Scalar(timeMs, s.at(0));
            case StepString s -> new StringValue(timeMs, s.value());
            case StepVector v -> {
                List<Sample> samples = new ArrayList<>(v.series().size());
                Set<Labels> seen = new HashSet<>();
                for (StepSeries s : v.series()) {
                    if (!s.has(0)) {
                        continue;
                    }
                    Labels labels = finalLabels(s.labels(), s.dropName(), delayedNames);
                    if (!seen.add(labels)) {
                        throw new StrataException(ErrorCode.EXECUTION, SeriesMerger.DUPLICATE_LABELSET);
                    }
                    samples.add(Sample.ofFloat(labels, timeMs, s.value(0)));
                }
                yield new InstantVector(samples);
            }
            case RangeArg r -> rangeVector(r);
        };
    }

    private static RangeMatrix rangeVector(RangeArg r) {
        List<RangeSeries> out = new ArrayList<>();
        if (r.anchored() || r.smoothed()) {
            RangeWindow w = new RangeWindow();
            r.forEachSeries((labels, dropName, ts, values, length) -> r.forEachWindow(labels, ts, values, length, w, win -> {
                ExtendedRanges.Points p = ExtendedRanges.extendedPoints(win);
                if (p != null) {
                    out.add(RangeSeries.ofFloats(labels, p.timestamps(), p.values()));
                }
            }));
            out.sort(Comparator.comparing(RangeSeries::labels));
            return new RangeMatrix(out);
        }
        long end = r.windowEnd(0);
        long start = end - r.rangeMs();
        r.forEachSeries((labels, dropName, ts, values, length) -> {
            int from = 0;
            while (from < length && ts[from] <= start) {
                from++;
            }
            int to = from;
            while (to < length && ts[to] <= end) {
                to++;
            }
            if (to > from) {
                Labels l = dropName ? MetricNames.drop(labels) : labels;
                out.add(RangeSeries.ofFloats(l, Arrays.copyOfRange(ts, from, to), Arrays.copyOfRange(values, from, to)));
            }
        });
        out.sort(Comparator.comparing(RangeSeries::labels));
        return new RangeMatrix(out);
    }

    static Value range(EvalValue value, StepGrid grid, boolean delayedNames) {
        return switch (value) {
            case StepScalar s -> {
                yield new RangeMatrix(List.of(RangeSeries.ofFloats(Labels.EMPTY, grid.times(), s.values().clone())));
            }
            case StepVector v -> {
                Map<Labels, StepSeries> merged = new HashMap<>();
                for (StepSeries s : v.series()) {
                    if (s.isEmpty()) {
                        continue;
                    }
                    Labels labels = finalLabels(s.labels(), s.dropName(), delayedNames);
                    StepSeries into = merged.get(labels);
                    if (into == null) {
                        merged.put(labels, s.copyWithLabels(labels));
                    } else {
                        SeriesMerger.mergeInto(into, s);
                    }
                }
                List<RangeSeries> out = new ArrayList<>(merged.size());
                for (StepSeries s : merged.values()) {
                    long[] ts = new long[s.presentCount()];
                    double[] vs = new double[ts.length];
                    int n = 0;
                    for (int i = s.nextPresent(0); i >= 0; i = s.nextPresent(i + 1)) {
                        ts[n] = grid.time(i);
                        vs[n] = s.value(i);
                        n++;
                    }
                    out.add(RangeSeries.ofFloats(s.labels(), ts, vs));
                }
                out.sort(Comparator.comparing(RangeSeries::labels));
                yield new RangeMatrix(out);
            }
            default -> throw new IllegalStateException("BUG: range query produced " + value.getClass().getSimpleName());
        };
    }

    private static Labels finalLabels(Labels labels, boolean dropName, boolean delayedNames) {
        return delayedNames && dropName ? MetricNames.drop(labels) : labels;
    }
}
