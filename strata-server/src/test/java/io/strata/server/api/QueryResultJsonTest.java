package io.strata.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.promql.engine.QueryStats;
import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.FloatHistogram.CounterResetHint;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Scalar;
import io.strata.promql.value.StringValue;
import io.strata.promql.value.Value;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Query results byte for byte as Prometheus writes them (cases from its json_codec_test among others). */
class QueryResultJsonTest {
    private static final Labels FOO = Labels.of("__name__", "foo");

    @Test
    void matrixOfFloats() {
        Value m = new RangeMatrix(List.of(RangeSeries.ofFloats(FOO, new long[] {1000}, new double[] {1})));
        assertThat(json(m)).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
                + "[{\"metric\":{\"__name__\":\"foo\"},\"values\":[[1,\"1\"]]}]}}");
    }

    @Test
    // Bounds are computed powers of two; Prometheus's own table differs in a few last digits.
    void matrixOfHistogramsListsNonEmptyBucketsInValueOrder() {
        FloatHistogram h = new FloatHistogram(CounterResetHint.UNKNOWN, 2, 0.001, 12, 10, 20,
                new int[] {3, 1}, new int[] {2, 3}, new double[] {1, 2, 2, 1, 1},
                new int[] {2}, new int[] {2}, new double[] {2, 1}, null);
        Value m = new RangeMatrix(List.of(new RangeSeries(FOO, new long[0], new double[0], new long[] {1000},
                new FloatHistogram[] {h})));
        assertThat(json(m)).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
                + "[{\"metric\":{\"__name__\":\"foo\"},\"histograms\":[[1,{\"count\":\"10\",\"sum\":\"20\",\"buckets\":"
                + "[[1,\"-1.6817928305074292\",\"-1.4142135623730951\",\"1\"],"
                + "[1,\"-1.4142135623730951\",\"-1.189207115002721\",\"2\"],"
                + "[3,\"-0.001\",\"0.001\",\"12\"],"
                + "[0,\"1.4142135623730951\",\"1.6817928305074292\",\"1\"],"
                + "[0,\"1.6817928305074292\",\"2\",\"2\"],"
                + "[0,\"2.378414230005442\",\"2.8284271247461903\",\"2\"],"
                + "[0,\"2.8284271247461903\",\"3.3635856610148585\",\"1\"],"
                + "[0,\"3.3635856610148585\",\"4\",\"1\"]]}]]}]}}");
    }

    @Test
    void seriesWithBothKindsListsFloatsThenHistograms() {
        FloatHistogram empty = new FloatHistogram(CounterResetHint.GAUGE, 0, 0, 0, 0, 0,
                new int[0], new int[0], new double[0], new int[0], new int[0], new double[0], null);
        Value m = new RangeMatrix(List.of(new RangeSeries(Labels.EMPTY, new long[] {1500}, new double[] {Double.NaN},
                new long[] {2500}, new FloatHistogram[] {empty})));
        assertThat(json(m)).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":"
                + "[{\"metric\":{},\"values\":[[1.500,\"NaN\"]],\"histograms\":[[2.500,{\"count\":\"0\",\"sum\":\"0\"}]]}]}}");
    }

    @Test
    void vectorWritesSpecialAndExtremeValues() {
        Value v = new InstantVector(List.of(
                Sample.ofFloat(Labels.of("__name__", "up", "job", "a<b>"), 1435781451781L, 1),
                Sample.ofFloat(Labels.of("v", "nan"), 0, Double.NaN),
                Sample.ofFloat(Labels.of("v", "inf"), 1, Double.POSITIVE_INFINITY),
                Sample.ofFloat(Labels.of("v", "-inf"), 10, Double.NEGATIVE_INFINITY),
                Sample.ofFloat(Labels.of("v", "small"), 100, 1.2345678e-67),
                Sample.ofFloat(Labels.of("v", "big"), -1, 1.2345678e6)));
        assertThat(json(v)).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"up\",\"job\":\"a\\u003cb\\u003e\"},\"value\":[1435781451.781,\"1\"]},"
                + "{\"metric\":{\"v\":\"nan\"},\"value\":[0,\"NaN\"]},"
                + "{\"metric\":{\"v\":\"inf\"},\"value\":[0.001,\"+Inf\"]},"
                + "{\"metric\":{\"v\":\"-inf\"},\"value\":[0.010,\"-Inf\"]},"
                + "{\"metric\":{\"v\":\"small\"},\"value\":[0.100,\"1.2345678e-67\"]},"
                + "{\"metric\":{\"v\":\"big\"},\"value\":[-0.001,\"1234567.8\"]}]}}");
    }

    @Test
    void vectorHistogramSampleUsesTheHistogramKey() {
        FloatHistogram h = new FloatHistogram(CounterResetHint.UNKNOWN, HistogramJson.CUSTOM_BUCKETS_SCHEMA, 0, 0, 6,
                12.5, new int[] {0}, new int[] {3}, new double[] {1, 0, 5}, new int[0], new int[0], new double[0],
                new double[] {0.5, 1});
        Value v = new InstantVector(List.of(new Sample(FOO, 2000, 0, h)));
        assertThat(json(v)).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
                + "{\"metric\":{\"__name__\":\"foo\"},\"histogram\":[2,{\"count\":\"6\",\"sum\":\"12.5\",\"buckets\":"
                + "[[3,\"-Inf\",\"0.5\",\"1\"],[0,\"1\",\"+Inf\",\"5\"]]}]}]}}");
    }

    @Test
    void emptyVectorAndMatrixAreEmptyArrays() {
        assertThat(json(new InstantVector(List.of())))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
        assertThat(json(new RangeMatrix(List.of())))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}");
    }

    @Test
    void scalarAndStringUseShortestTimestampsAndPlainNumbers() {
        assertThat(json(new Scalar(1435781451780L, 1e-7)))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1435781451.78,\"0.0000001\"]}}");
        assertThat(json(new Scalar(4000, Double.POSITIVE_INFINITY)))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[4,\"+Inf\"]}}");
        assertThat(json(new StringValue(1500, "a\"b<")))
                .isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"string\",\"result\":[1.5,\"a\\\"b\\u003c\"]}}");
    }

    @Test
    void statsHaveTimingsInSecondsAndSampleCounts() {
        String body = new String(ApiJson.success(g -> QueryResultJson.write(g, new Scalar(0, 2),
                new QueryStats(120, 30, 1_500_000, 250_000))), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"2\"],"
                + "\"stats\":{\"timings\":{\"evalTotalTime\":0.00175,\"resultSortTime\":0,"
                + "\"queryPreparationTime\":0.00025,\"innerEvalTime\":0.0015,\"execQueueTime\":0,"
                + "\"execTotalTime\":0.00175},\"samples\":{\"totalQueryableSamples\":120,\"peakSamples\":30}}}}");
    }

    @Test
    void warningsAndInfosFollowDataOnlyWhenPresent() {
        String body = new String(ApiJson.success(g -> QueryResultJson.write(g, new Scalar(0, 1), null),
                List.of("w1"), List.of("i1", "i2")), StandardCharsets.UTF_8);
        assertThat(body).isEqualTo("{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[0,\"1\"]},"
                + "\"warnings\":[\"w1\"],\"infos\":[\"i1\",\"i2\"]}");
        String noWarnings = new String(ApiJson.success(g -> QueryResultJson.write(g, new Scalar(0, 1), null),
                List.of(), List.of("i")), StandardCharsets.UTF_8);
        assertThat(noWarnings).endsWith("},\"infos\":[\"i\"]}");
    }

    @Test
    void annotationsAreCappedAtTenWithACount() {
        List<String> many = java.util.stream.IntStream.range(0, 13).mapToObj(i -> "w" + i).toList();
        List<String> shown = QueryHandler.capped(many, "warning");
        assertThat(shown).hasSize(11).startsWith("w0").endsWith("3 more warning annotations omitted");
        assertThat(QueryHandler.capped(many.subList(0, 10), "info")).isEqualTo(many.subList(0, 10));
    }

    private static String json(Value value) {
        return new String(ApiJson.success(g -> QueryResultJson.write(g, value, null)), StandardCharsets.UTF_8);
    }
}
