package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.promql.ast.PositionRange;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.StepGrid;
import io.strata.promql.engine.StepScalar;
import io.strata.promql.engine.StepSeries;
import io.strata.promql.engine.StepVector;
import io.strata.promql.parse.GoNumbers;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code histogram_quantile}, {@code histogram_quantiles} and {@code histogram_fraction} over
 * classic histograms ({@code le}-labelled bucket series). Output series carry each histogram's
 * labels without {@code le}, and lose the metric name. Native histograms will join here once the
 * engine carries them; today an instant vector holds floats only.
 */
final class HistogramQuantiles {
    private HistogramQuantiles() {
    }

    /** {@code histogram_quantile(q, buckets)}. */
    static StepVector quantile(FunctionCall call) {
        StepScalar q = call.scalarArg(0);
        StepGrid grid = call.grid();
        PositionRange vectorPosition = ArgPositions.of(call, 1);
        warnInvalidQuantiles(call, q, ArgPositions.of(call, 0));
        BucketGroups groups = BucketGroups.of(call.vectorArg(1), call, vectorPosition);
        double[] upper = groups.newScratch();
        double[] count = groups.newScratch();
        BucketMath.Monotonicity fix = new BucketMath.Monotonicity();
        MonotonicityReport report = new MonotonicityReport();
        StepSeries[] out = new StepSeries[groups.size()];
        for (int step = 0; step < grid.count(); step++) {
            for (int g = 0; g < groups.size(); g++) {
                int n = groups.gather(g, step, upper, count);
                if (n == 0) {
                    continue;
                }
                double v = BucketMath.quantile(q.at(step), upper, count, n, fix);
                if (fix.forced) {
                    report.add(reportedName(call, groups.labels[g]), grid.time(step), fix);
                }
                out[g] = setOrCreate(call, out[g], groups.labels[g], step, v);
            }
        }
        report.emit(call, vectorPosition);
        return collect(call, out);
    }

    /** {@code histogram_fraction(lower, upper, buckets)}. */
    static StepVector fraction(FunctionCall call) {
        StepScalar lower = call.scalarArg(0);
        StepScalar upperLimit = call.scalarArg(1);
        StepGrid grid = call.grid();
        BucketGroups groups = BucketGroups.of(call.vectorArg(2), call, ArgPositions.of(call, 2));
        double[] upper = groups.newScratch();
        double[] count = groups.newScratch();
        StepSeries[] out = new StepSeries[groups.size()];
        for (int step = 0; step < grid.count(); step++) {
            for (int g = 0; g < groups.size(); g++) {
                int n = groups.gather(g, step, upper, count);
                if (n == 0) {
                    continue;
                }
                double v = BucketMath.fraction(lower.at(step), upperLimit.at(step), upper, count, n);
                out[g] = setOrCreate(call, out[g], groups.labels[g], step, v);
            }
        }
        return collect(call, out);
    }

    /**
     * {@code histogram_quantiles(buckets, label, q...)}: one series per histogram and quantile,
     * labelled {@code label="<q>"} ("0.5", "1.0", "NaN"), quantile by quantile. A label that
     * already exists is overwritten, which can make series collide: the engine then fails the
     * query as Prometheus does. Monotonicity is fixed (and reported) once per histogram and step,
     * by the first quantile that gets that far.
     */
    static StepVector quantiles(FunctionCall call) {
        String label = call.stringArg(1);
        int quantileCount = call.argCount() - 2;
        StepScalar[] qs = new StepScalar[quantileCount];
        for (int k = 0; k < quantileCount; k++) {
            qs[k] = call.scalarArg(k + 2);
            warnInvalidQuantiles(call, qs[k], ArgPositions.of(call, k + 2));
        }
        StepGrid grid = call.grid();
        PositionRange vectorPosition = ArgPositions.of(call, 0);
        BucketGroups groups = BucketGroups.of(call.vectorArg(0), call, vectorPosition);
        double[] gatheredUpper = groups.newScratch();
        double[] gatheredCount = groups.newScratch();
        double[] upper = groups.newScratch();
        double[] count = groups.newScratch();
        BucketMath.Monotonicity fix = new BucketMath.Monotonicity();
        MonotonicityReport report = new MonotonicityReport();
        QuantileOutputs outputs = new QuantileOutputs(call, groups, label, quantileCount);
        for (int step = 0; step < grid.count(); step++) {
            for (int g = 0; g < groups.size(); g++) {
                int n = groups.gather(g, step, gatheredUpper, gatheredCount);
                if (n == 0) {
                    continue;
                }
                boolean reported = false;
                for (int k = 0; k < quantileCount; k++) {
                    System.arraycopy(gatheredUpper, 0, upper, 0, n);
                    System.arraycopy(gatheredCount, 0, count, 0, n);
                    double q = qs[k].at(step);
                    double v = BucketMath.quantile(q, upper, count, n, fix);
                    if (fix.forced && !reported) {
                        reported = true;
                        report.add(reportedName(call, groups.labels[g]), grid.time(step), fix);
                    }
                    outputs.set(k, g, q, step, v);
                }
            }
        }
        report.emit(call, vectorPosition);
        return new StepVector(grid, outputs.all);
    }

    /** Warns once per distinct invalid quantile (NaN, below 0, above 1) that some step uses. */
    private static void warnInvalidQuantiles(FunctionCall call, StepScalar q, PositionRange position) {
        double warned = 0.5;
        for (int step = 0; step < call.grid().count(); step++) {
            double v = q.at(step);
            if ((Double.isNaN(v) || v < 0 || v > 1) && Double.compare(v, warned) != 0) {
                warned = v;
                call.annotations().warn(QuantileOverTime.INVALID_QUANTILE + GoNumbers.formatShortestGeneral(v), position);
            }
        }
    }

    /** The metric name the monotonicity info shows: only under delayed name removal. */
    private static String reportedName(FunctionCall call, Labels labels) {
        String name = call.delayedNameRemoval() ? labels.metricName() : null;
        return name == null ? "" : name;
    }

    private static StepSeries setOrCreate(FunctionCall call, StepSeries s, Labels labels, int step, double v) {
        StepSeries out = s == null ? call.newSeries(labels) : s;
        out.set(step, v);
        return out;
    }

    private static StepVector collect(FunctionCall call, StepSeries[] out) {
        List<StepSeries> series = new ArrayList<>(out.length);
        for (StepSeries s : out) {
            if (s != null) {
                call.dropName(s);
                series.add(s);
            }
        }
        return new StepVector(call.grid(), series);
    }

    /**
     * The output series of {@code histogram_quantiles}, found by quantile argument, group and
     * quantile label. A quantile argument is nearly always the same at every step; when it is not,
     * each distinct label value gets its own series in a short chain.
     */
    private static final class QuantileOutputs {
        private final FunctionCall call;
        private final BucketGroups groups;
        private final String label;
        private final Entry[][] heads;
        private final double[] lastQ;
        private final String[] lastLabel;
        final List<StepSeries> all = new ArrayList<>();

        private static final class Entry {
            final String value;
            final StepSeries series;
            Entry next;

            Entry(String value, StepSeries series) {
                this.value = value;
                this.series = series;
            }
        }

        QuantileOutputs(FunctionCall call, BucketGroups groups, String label, int quantileCount) {
            this.call = call;
            this.groups = groups;
            this.label = label;
            this.heads = new Entry[quantileCount][groups.size()];
            this.lastQ = new double[quantileCount];
            this.lastLabel = new String[quantileCount];
        }

        void set(int k, int g, double q, int step, double v) {
            if (lastLabel[k] == null || Double.compare(q, lastQ[k]) != 0) {
                lastQ[k] = q;
                lastLabel[k] = GoStrconv.formatOpenMetricsFloat(q);
            }
            String value = lastLabel[k];
            Entry e = heads[k][g];
            while (e != null && !e.value.equals(value)) {
                e = e.next;
            }
            if (e == null) {
                StepSeries s = call.newSeries(with(groups.labels[g], label, value));
                call.dropName(s);
                e = new Entry(value, s);
                e.next = heads[k][g];
                heads[k][g] = e;
                all.add(s);
            }
            e.series.set(step, v);
        }

        private static Labels with(Labels labels, String name, String value) {
            LabelsBuilder b = new LabelsBuilder();
            labels.forEach(b::add);
            b.set(name, value);
            return b.build();
        }
    }
}
