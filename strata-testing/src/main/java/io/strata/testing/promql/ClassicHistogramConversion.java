package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import io.strata.model.StrataException;
import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.FloatHistogram.CounterResetHint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * The {@code load_with_nhcb} conversion (FORMAT.md section 3.2): classic histogram series
 * ({@code _bucket} with {@code le}, {@code _count}, {@code _sum}) become native histograms with
 * custom buckets (schema -53) under the base name, one per timestamp where any part has a float.
 */
final class ClassicHistogramConversion {
    private ClassicHistogramConversion() {
    }

    /** A converted series: its base labels and a histogram per timestamp, in time order. */
    record HistogramSeries(Labels labels, TreeMap<Long, FloatHistogram> samples) {}

    static List<HistogramSeries> convert(LoadCommand load) {
        Map<Labels, TreeMap<Long, ClassicHistogram>> byBase = new LinkedHashMap<>();
        for (LoadCommand.Series s : load.series()) {
            String name = s.labels().metricName();
            if (name == null) {
                continue;
            }
            Part part = Part.of(name);
            if (part == null) {
                continue;
            }
            double le = 0;
            if (part == Part.BUCKET) {
                String leText = s.labels().get("le");
                if (leText == null) {
                    throw new StrataException(ErrorCode.BAD_DATA, "expected bucket label in metric " + s.labels());
                }
                OptionalDouble parsed = GoLiterals.parseFloat(leText);
                if (parsed.isEmpty() || Double.isNaN(parsed.getAsDouble())) {
                    continue; // upstream ignores buckets whose bound is no number
                }
                le = parsed.getAsDouble();
            }
            LabelsBuilder builder = new LabelsBuilder();
            s.labels().forEach(builder::add);
            Labels base = builder.set(Labels.METRIC_NAME, name.substring(0, name.length() - part.suffix.length()))
                    .remove("le").build();
            TreeMap<Long, ClassicHistogram> byTime = byBase.computeIfAbsent(base, b -> new TreeMap<>());
            for (int i = 0; i < s.values().size(); i++) {
                SequenceValue v = s.values().get(i);
                if (v.omitted() || v.isHistogram()) {
                    continue;
                }
                ClassicHistogram h = byTime.computeIfAbsent(i * load.intervalMs(), t -> new ClassicHistogram());
                switch (part) {
                    case BUCKET -> h.setBucketCount(le, v.value());
                    case COUNT -> h.setCount(v.value());
                    case SUM -> h.sum = v.value();
                }
            }
        }
        List<HistogramSeries> out = new ArrayList<>();
        for (Map.Entry<Labels, TreeMap<Long, ClassicHistogram>> e : byBase.entrySet()) {
            TreeMap<Long, FloatHistogram> samples = new TreeMap<>();
            for (Map.Entry<Long, ClassicHistogram> at : e.getValue().entrySet()) {
                try {
                    samples.put(at.getKey(), at.getValue().toNative());
                } catch (StrataException ex) {
                    throw new StrataException(ErrorCode.BAD_DATA, "cannot convert classic histogram " + e.getKey()
                            + " at " + PromDuration.format(at.getKey()) + ": " + ex.getMessage());
                }
            }
            out.add(new HistogramSeries(e.getKey(), samples));
        }
        return out;
    }

    private enum Part {
        BUCKET("_bucket"), SUM("_sum"), COUNT("_count");

        final String suffix;

        Part(String suffix) {
            this.suffix = suffix;
        }

        static Part of(String name) {
            for (Part p : values()) {
                if (name.endsWith(p.suffix)) {
                    return p;
                }
            }
            return null;
        }
    }

    /** The parts of one classic histogram at one time, collected in any order. */
    private static final class ClassicHistogram {
        final TreeMap<Double, Double> cumulativeByBound = new TreeMap<>();
        double count;
        boolean hasCount;
        double sum;
        String error;

        void setBucketCount(double le, double cumulative) {
            if (error != null) {
                return;
            }
            if (cumulative < 0) {
                error = "bucket count must be non-negative: le=" + ResultText.number(le) + ", count="
                        + ResultText.number(cumulative);
                return;
            }
            if (cumulativeByBound.containsKey(le)) {
                return; // a duplicate bucket is ignored, as upstream
            }
            Map.Entry<Double, Double> below = cumulativeByBound.lowerEntry(le);
            Map.Entry<Double, Double> above = cumulativeByBound.higherEntry(le);
            if (below != null && cumulative < below.getValue()) {
                error = "count is not cumulative: " + ResultText.number(cumulative) + " < "
                        + ResultText.number(below.getValue());
                return;
            }
            if (above != null && cumulative > above.getValue()) {
                error = "count is not cumulative: " + ResultText.number(cumulative) + " > "
                        + ResultText.number(above.getValue());
                return;
            }
            cumulativeByBound.put(le, cumulative);
        }

        void setCount(double value) {
            if (error != null) {
                return;
            }
            if (value < 0) {
                error = "count must be non-negative: count=" + ResultText.number(value);
                return;
            }
            count = value;
            hasCount = true;
        }

        FloatHistogram toNative() {
            if (error != null) {
                throw new StrataException(ErrorCode.BAD_DATA, error);
            }
            TreeMap<Double, Double> buckets = new TreeMap<>(cumulativeByBound);
            double total = count;
            if (!hasCount) {
                if (buckets.isEmpty()) {
                    throw new StrataException(ErrorCode.BAD_DATA, "count must be provided when no buckets are present");
                }
                total = buckets.lastEntry().getValue();
            }
            if (buckets.isEmpty() || buckets.lastKey() != Double.POSITIVE_INFINITY) {
                buckets.put(Double.POSITIVE_INFINITY, total);
            }
            double highest = buckets.lastEntry().getValue();
            if (total != highest) {
                throw new StrataException(ErrorCode.BAD_DATA, "count mismatch: count=" + ResultText.number(total)
                        + " != le=+Inf count=" + ResultText.number(highest));
            }
            double[] counts = new double[buckets.size()];
            double[] bounds = new double[buckets.size() - 1];
            double previous = 0;
            int i = 0;
            for (Map.Entry<Double, Double> b : buckets.entrySet()) {
                counts[i] = b.getValue() - previous;
                previous = b.getValue();
                if (b.getKey() != Double.POSITIVE_INFINITY) {
                    bounds[i] = b.getKey();
                }
                i++;
            }
            return new FloatHistogram(CounterResetHint.UNKNOWN, SparseHistogram.CUSTOM_BUCKETS_SCHEMA, 0, 0, total,
                    sum, new int[] {0}, new int[] {counts.length}, counts, new int[0], new int[0], new double[0],
                    bounds);
        }
    }
}
