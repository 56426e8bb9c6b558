package io.strata.testing.promql;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.SampleValues;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Scalar;
import io.strata.promql.value.StringValue;
import io.strata.promql.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResultComparisonTest {
    private static final Labels A = Labels.of("__name__", "m", "job", "a");
    private static final Labels B = Labels.of("__name__", "m", "job", "b");

    @Test
    void vectorsMatchBySetOfLabelSetsWithAlmostEqualValues() {
        EvalCommand cmd = EvalFixture.instant("m", 0).series(A, "1").series(B, "2").build();
        assertThat(compare(cmd, vector(B, 2.0000001, A, 1))).isEmpty();
        assertThat(compare(cmd, vector(A, 1))).hasValue("expected series m{job=\"b\"} not found");
        assertThat(compare(cmd, vector(A, 1, B, 2, Labels.of("job", "c"), 3)))
                .hasValueSatisfying(p -> assertThat(p).startsWith("unexpected series {job=\"c\"}"));
        assertThat(compare(cmd, vector(A, 1, B, 2.1))).hasValue("expected 2 for m{job=\"b\"} but got 2.1");
    }

    @Test
    void orderCountsOnlyWhenExpected() {
        EvalCommand ordered = EvalFixture.instant("m", 0).expect(Expectation.Type.ORDERED).series(A, "1").series(B, "2")
                .build();
        assertThat(compare(ordered, vector(A, 1, B, 2))).isEmpty();
        assertThat(compare(ordered, vector(B, 2, A, 1)))
                .hasValue("expected series m{job=\"b\"} at position 2 but it was at 1");
        EvalCommand bySuffix = EvalFixture.instant("m", 0).suffixes(new EvalCommand.Suffixes(false, false, false, true))
                .series(A, "1").series(B, "2").build();
        assertThat(compare(bySuffix, vector(B, 2, A, 1))).isPresent();
    }

    @Test
    void anEmptyExpectationPassesOnlyWithAnEmptyVectorMatrixOrString() {
        EvalCommand cmd = EvalFixture.instant("m", 0).build();
        assertThat(compare(cmd, new InstantVector(List.of()))).isEmpty();
        assertThat(compare(cmd, new RangeMatrix(List.of()))).isEmpty();
        assertThat(compare(cmd, new StringValue(0, ""))).isEmpty();
        assertThat(compare(cmd, new Scalar(0, 1))).hasValue("expected vector or matrix result, but got scalar 1");
    }

    @Test
    void scalarsAndStrings() {
        EvalCommand scalar = EvalFixture.instant("1", 0).scalar(1e-17).build();
        assertThat(compare(scalar, new Scalar(0, 1e-17))).isEmpty();
        assertThat(compare(scalar, new Scalar(0, 0))).hasValue("expected scalar 1e-17 but got 0");
        assertThat(compare(scalar, vector(A, 1))).hasValue("expected scalar result, but got a vector");
        EvalCommand string = EvalFixture.instant("\"x\"", 0).string(" Foo ").build();
        assertThat(compare(string, new StringValue(0, " Foo "))).isEmpty();
        assertThat(compare(string, new StringValue(0, "Foo"))).hasValue("expected string \" Foo \" but got \"Foo\"");
    }

    @Test
    void staleMarkersAndNaNsAreDistinct() {
        EvalCommand cmd = EvalFixture.instant("m", 0).series(A, "NaN").build();
        assertThat(compare(cmd, vector(A, Double.NaN))).isEmpty();
        assertThat(compare(cmd, vector(A, SampleValues.STALE_NAN))).isPresent();
    }

    @Test
    void histogramsAndFloatsNeverMatch() {
        EvalCommand cmd = EvalFixture.instant("m", 0).series(A, "{{count:1}}").build();
        Sample asFloat = Sample.ofFloat(A, 0, 1);
        Sample asHistogram = new Sample(A, 0, 0, HistogramLiteral.parse("count:1 buckets:[0]").histogram());
        assertThat(compare(cmd, new InstantVector(List.of(asHistogram)))).isEmpty();
        assertThat(compare(cmd, new InstantVector(List.of(asFloat))))
                .hasValueSatisfying(p -> assertThat(p).startsWith("expected histogram"));
    }

    @Test
    void matricesCompareEveryPointOfTheGridAndSkipBlanks() {
        EvalCommand cmd = EvalFixture.range("m", 0, 180_000, 60_000).series(A, "1 _ 3 4").build();
        assertThat(compare(cmd, matrix(series(A, 0, 1, 120_000, 3, 180_000, 4)))).isEmpty();
        assertThat(compare(cmd, matrix(series(A, 0, 1, 60_000, 2, 120_000, 3, 180_000, 4))))
                .hasValue("expected 3 float points and 0 histogram points for m{job=\"a\"}, but got 4 and 0");
        assertThat(compare(cmd, matrix(series(A, 0, 1, 120_000, 3, 240_000, 4))))
                .hasValue("expected float point 2 of m{job=\"a\"} at 3m but it is at 4m");
        assertThat(compare(cmd, matrix(series(A, 0, 1, 120_000, 3.5, 180_000, 4))))
                .hasValue("expected 3 at 2m for m{job=\"a\"} but got 3.5");
    }

    @Test
    void aMatrixMustBeSortedByLabels() {
        EvalCommand cmd = EvalFixture.range("m", 0, 0, 60_000).series(A, "1").series(B, "2").build();
        assertThat(compare(cmd, matrix(series(A, 0, 1), series(B, 0, 2)))).isEmpty();
        assertThat(compare(cmd, matrix(series(B, 0, 2), series(A, 0, 1))))
                .hasValueSatisfying(p -> assertThat(p).startsWith("matrix results should always be sorted by labels"));
    }

    @Test
    void moreExpectedPointsThanTheRangeHoldsFail() {
        EvalCommand cmd = EvalFixture.range("m", 0, 60_000, 60_000).series(A, "1 2 3").build();
        assertThat(compare(cmd, matrix(series(A, 0, 1, 60_000, 2))))
                .hasValueSatisfying(p -> assertThat(p).contains("cannot return this many points"));
    }

    @Test
    void anInstantRangeVectorUsesTheExpectedGrid() {
        EvalCommand cmd = EvalFixture.instant("m[1m]", 0).rangeVector(10_000, 30_000, 10_000).series(A, "2 3 4").build();
        assertThat(compare(cmd, matrix(series(A, 10_000, 2, 20_000, 3, 30_000, 4)))).isEmpty();
        EvalCommand plain = EvalFixture.instant("m[1m]", 60_000).series(A, "2").build();
        assertThat(compare(plain, matrix(series(A, 60_000, 2))))
                .hasValueSatisfying(p -> assertThat(p).contains("cannot return this many points"));
    }

    @Test
    void orderedOrScalarExpectationsRejectAMatrix() {
        EvalCommand ordered = EvalFixture.range("m", 0, 0, 1).expect(Expectation.Type.ORDERED).build();
        assertThat(compare(ordered, matrix())).hasValue("expected ordered result, but query returned a matrix");
    }

    private static Optional<String> compare(EvalCommand cmd, Value v) {
        return ResultComparison.compare(cmd, v);
    }

    static InstantVector vector(Object... labelsAndValues) {
        List<Sample> samples = new ArrayList<>();
        for (int i = 0; i < labelsAndValues.length; i += 2) {
            samples.add(Sample.ofFloat((Labels) labelsAndValues[i], 0, ((Number) labelsAndValues[i + 1]).doubleValue()));
        }
        return new InstantVector(samples);
    }

    static RangeSeries series(Labels labels, double... timesAndValues) {
        long[] t = new long[timesAndValues.length / 2];
        double[] v = new double[timesAndValues.length / 2];
        for (int i = 0; i < t.length; i++) {
            t[i] = (long) timesAndValues[2 * i];
            v[i] = timesAndValues[2 * i + 1];
        }
        return RangeSeries.ofFloats(labels, t, v);
    }

    static RangeMatrix matrix(RangeSeries... series) {
        return new RangeMatrix(List.of(series));
    }
}
