package io.strata.testing.promql;

import io.strata.model.Labels;
import io.strata.model.SampleValues;
import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Scalar;
import io.strata.promql.value.StringValue;
import io.strata.promql.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Text of values for failure reports, close to the script notation so a reader can compare by eye. */
final class ResultText {
    /** Enough lines to see what went wrong without flooding the report with a big matrix. */
    static final int MAX_LINES = 20;

    private ResultText() {
    }

    static String number(double v) {
        if (SampleValues.isStaleNaN(v)) {
            return "stale";
        }
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return (v == 0 && 1 / v < 0) ? "-0" : Long.toString((long) v);
        }
        String s = Double.toString(v);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        return mantissa + "e" + s.substring(e + 1);
    }

    /** A histogram as a literal; spans are written as one bucket list, gaps filled with zeros. */
    static String histogram(FloatHistogram h) {
        SparseHistogram s = SparseHistogram.of(h);
        StringBuilder sb = new StringBuilder("{{schema:").append(s.schema);
        sb.append(" count:").append(number(s.count)).append(" sum:").append(number(s.sum));
        if (s.zeroCount != 0) {
            sb.append(" z_bucket:").append(number(s.zeroCount));
        }
        if (s.zeroThreshold != 0) {
            sb.append(" z_bucket_w:").append(number(s.zeroThreshold));
        }
        buckets(sb, s.positive, "buckets:", "offset:");
        buckets(sb, s.negative, "n_buckets:", "n_offset:");
        if (s.customValues.length > 0) {
            sb.append(" custom_values:[");
            for (int i = 0; i < s.customValues.length; i++) {
                sb.append(i == 0 ? "" : " ").append(number(s.customValues[i]));
            }
            sb.append(']');
        }
        sb.append(" counter_reset_hint:").append(switch (s.hint) {
            case UNKNOWN -> "unknown";
            case COUNTER_RESET -> "reset";
            case NOT_COUNTER_RESET -> "not_reset";
            case GAUGE -> "gauge";
        });
        return sb.append("}}").toString();
    }

    private static void buckets(StringBuilder sb, TreeMap<Integer, Double> buckets, String key, String offsetKey) {
        if (buckets.isEmpty()) {
            return;
        }
        int first = buckets.firstKey();
        sb.append(' ').append(key).append('[');
        for (int i = first; i <= buckets.lastKey(); i++) {
            sb.append(i == first ? "" : " ").append(number(buckets.getOrDefault(i, 0.0)));
        }
        sb.append(']');
        if (first != 0) {
            sb.append(' ').append(offsetKey).append(first);
        }
    }

    /** What a query returned. */
    static String value(Value value) {
        return switch (value) {
            case Scalar s -> "scalar " + number(s.value());
            case StringValue s -> "string \"" + s.value() + "\"";
            case InstantVector v -> vector(v.samples());
            case RangeMatrix m -> matrix(m);
        };
    }

    static String vector(List<Sample> samples) {
        List<String> lines = new ArrayList<>();
        for (Sample s : samples) {
            lines.add(s.labels() + " " + (s.isHistogram() ? histogram(s.histogram()) : number(s.value())));
        }
        return join(lines, "(empty vector)");
    }

    private static String matrix(RangeMatrix m) {
        List<String> lines = new ArrayList<>();
        for (RangeSeries s : m.series()) {
            StringBuilder sb = new StringBuilder(s.labels().toString());
            for (int i = 0; i < s.floatTimestamps().length; i++) {
                sb.append(' ').append(number(s.floatValues()[i])).append('@')
                        .append(PromDuration.format(s.floatTimestamps()[i]));
            }
            for (int i = 0; i < s.histogramTimestamps().length; i++) {
                sb.append(' ').append(histogram(s.histograms()[i])).append('@')
                        .append(PromDuration.format(s.histogramTimestamps()[i]));
            }
            lines.add(sb.toString());
        }
        return join(lines, "(empty matrix)");
    }

    /** What the eval block expects. */
    static String expected(EvalCommand cmd) {
        if (cmd.expectsScalar()) {
            return "scalar " + number(cmd.expectedScalar());
        }
        if (cmd.stringExpected()) {
            return "string \"" + cmd.expectedString() + "\"";
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<Labels, EvalCommand.ExpectedSeries> e : cmd.expectedSeries().entrySet()) {
            StringBuilder sb = new StringBuilder(e.getKey().toString());
            for (SequenceValue v : e.getValue().values()) {
                sb.append(' ').append(v);
            }
            lines.add(sb.toString());
        }
        return join(lines, "(no series)");
    }

    private static String join(List<String> lines, String whenEmpty) {
        if (lines.isEmpty()) {
            return whenEmpty;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < lines.size() && i < MAX_LINES; i++) {
            sb.append(i == 0 ? "" : "\n").append(lines.get(i));
        }
        if (lines.size() > MAX_LINES) {
            sb.append("\n... and ").append(lines.size() - MAX_LINES).append(" more");
        }
        return sb.toString();
    }
}
