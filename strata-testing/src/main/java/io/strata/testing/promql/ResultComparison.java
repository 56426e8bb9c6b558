package io.strata.testing.promql;

import io.strata.model.Labels;
import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Scalar;
import io.strata.promql.value.StringValue;
import io.strata.promql.value.Value;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Compares a query result with what an eval block expects (FORMAT.md section 8). Returns the
 * first problem found, worded so that the report's expected and got blocks explain it.
 */
final class ResultComparison {
    private ResultComparison() {
    }

    static Optional<String> compare(EvalCommand cmd, Value result) {
        return Optional.ofNullable(switch (result) {
            case RangeMatrix m -> matrix(cmd, m);
            case InstantVector v -> vector(cmd, v.samples());
            case Scalar s -> scalar(cmd, s.value());
            case StringValue s -> cmd.expectedString().equals(s.value()) ? null
                    : "expected string \"" + cmd.expectedString() + "\" but got \"" + s.value() + "\"";
        });
    }

    /** The first pair of neighbours out of label order, or empty when the matrix is sorted. */
    static Optional<String> unsortedPair(RangeMatrix m) {
        List<RangeSeries> series = m.series();
        for (int i = 0; i + 1 < series.size(); i++) {
            if (series.get(i).labels().compareTo(series.get(i + 1).labels()) > 0) {
                return Optional.of("matrix results should always be sorted by labels, but series " + (i + 1) + " "
                        + series.get(i + 1).labels() + " sorts before series " + i + " " + series.get(i).labels());
            }
        }
        return Optional.empty();
    }

    private static String scalar(EvalCommand cmd, double value) {
        if (!cmd.expectsScalar()) {
            return "expected vector or matrix result, but got scalar " + ResultText.number(value);
        }
        return AlmostEqual.equal(cmd.expectedScalar(), value) ? null
                : "expected scalar " + ResultText.number(cmd.expectedScalar()) + " but got "
                        + ResultText.number(value);
    }

    private static String vector(EvalCommand cmd, List<Sample> samples) {
        if (cmd.expectsScalar()) {
            return "expected scalar result, but got a vector";
        }
        Set<Labels> seen = new HashSet<>();
        for (int pos = 0; pos < samples.size(); pos++) {
            Sample s = samples.get(pos);
            EvalCommand.ExpectedSeries exp = cmd.expectedSeries().get(s.labels());
            if (exp == null) {
                return "unexpected series " + s.labels() + " in result, with value " + sampleText(s);
            }
            if (cmd.expectsOrder() && exp.position() != pos + 1) {
                return "expected series " + s.labels() + " at position " + exp.position() + " but it was at "
                        + (pos + 1);
            }
            if (exp.values().isEmpty()) {
                return "the expected line for " + s.labels() + " has no value";
            }
            // Like upstream, "_" as an expected instant value means a float 0.
            SequenceValue e = exp.values().getFirst();
            if (e.isHistogram() != s.isHistogram()) {
                return "expected " + (e.isHistogram() ? "histogram " : "float ") + e + " for " + s.labels()
                        + " but got " + sampleText(s);
            }
            if (e.isHistogram()) {
                if (!HistogramEquality.equal(e.histogram(), s.histogram(), e.counterResetHintSet())) {
                    return "expected " + e + " for " + s.labels() + " but got " + sampleText(s);
                }
            } else if (!AlmostEqual.equal(e.value(), s.value())) {
                return "expected " + ResultText.number(e.value()) + " for " + s.labels() + " but got "
                        + sampleText(s);
            }
            seen.add(s.labels());
        }
        for (Labels expected : cmd.expectedSeries().keySet()) {
            if (!seen.contains(expected)) {
                return "expected series " + expected + " not found";
            }
        }
        return null;
    }

    private static String matrix(EvalCommand cmd, RangeMatrix m) {
        if (cmd.expectsOrder()) {
            return "expected ordered result, but query returned a matrix";
        }
        if (cmd.expectsScalar()) {
            return "expected scalar result, but got a matrix";
        }
        Optional<String> unsorted = unsortedPair(m);
        if (unsorted.isPresent()) {
            return unsorted.get();
        }
        Set<Labels> seen = new HashSet<>();
        for (RangeSeries s : m.series()) {
            EvalCommand.ExpectedSeries exp = cmd.expectedSeries().get(s.labels());
            if (exp == null) {
                return "unexpected series " + s.labels() + " in result";
            }
            seen.add(s.labels());
            String problem = series(cmd, s, exp.values());
            if (problem != null) {
                return problem;
            }
        }
        for (Labels expected : cmd.expectedSeries().keySet()) {
            if (!seen.contains(expected)) {
                return "expected series " + expected + " not found";
            }
        }
        return null;
    }

    private static String series(EvalCommand cmd, RangeSeries s, List<SequenceValue> values) {
        List<Long> floatTimes = new ArrayList<>();
        List<Double> floats = new ArrayList<>();
        List<Long> histogramTimes = new ArrayList<>();
        List<SequenceValue> histograms = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            long t = cmd.startMs() + i * cmd.stepMs();
            if (t > cmd.endMs()) {
                return "expected " + values.size() + " points for " + s.labels()
                        + ", but the query time range cannot return this many points";
            }
            SequenceValue v = values.get(i);
            if (v.isHistogram()) {
                histogramTimes.add(t);
                histograms.add(v);
            } else if (!v.omitted()) {
                floatTimes.add(t);
                floats.add(v.value());
            }
        }
        if (floats.size() != s.floatTimestamps().length || histograms.size() != s.histogramTimestamps().length) {
            return "expected " + floats.size() + " float points and " + histograms.size() + " histogram points for "
                    + s.labels() + ", but got " + s.floatTimestamps().length + " and "
                    + s.histogramTimestamps().length;
        }
        for (int i = 0; i < floats.size(); i++) {
            long t = s.floatTimestamps()[i];
            if (t != floatTimes.get(i)) {
                return "expected float point " + i + " of " + s.labels() + " at " + PromDuration.format(floatTimes.get(i))
                        + " but it is at " + PromDuration.format(t);
            }
            if (!AlmostEqual.equal(floats.get(i), s.floatValues()[i])) {
                return "expected " + ResultText.number(floats.get(i)) + " at " + PromDuration.format(t) + " for "
                        + s.labels() + " but got " + ResultText.number(s.floatValues()[i]);
            }
        }
        for (int i = 0; i < histograms.size(); i++) {
            long t = s.histogramTimestamps()[i];
            if (t != histogramTimes.get(i)) {
                return "expected histogram point " + i + " of " + s.labels() + " at "
                        + PromDuration.format(histogramTimes.get(i)) + " but it is at " + PromDuration.format(t);
            }
            SequenceValue e = histograms.get(i);
            FloatHistogram actual = s.histograms()[i];
            if (!HistogramEquality.equal(e.histogram(), actual, e.counterResetHintSet())) {
                return "expected " + e + " at " + PromDuration.format(t) + " for " + s.labels() + " but got "
                        + ResultText.histogram(actual);
            }
        }
        return null;
    }

    private static String sampleText(Sample s) {
        return s.isHistogram() ? "histogram " + ResultText.histogram(s.histogram()) : ResultText.number(s.value());
    }
}
