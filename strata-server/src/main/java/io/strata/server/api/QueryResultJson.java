package io.strata.server.api;

import io.strata.promql.engine.QueryStats;
import io.strata.promql.value.FloatHistogram;
import io.strata.promql.value.InstantVector;
import io.strata.promql.value.RangeMatrix;
import io.strata.promql.value.RangeSeries;
import io.strata.promql.value.Sample;
import io.strata.promql.value.Scalar;
import io.strata.promql.value.StringValue;
import io.strata.promql.value.Value;
import tools.jackson.core.JsonGenerator;

/**
 * The {@code data} of a query answer, as Prometheus writes it:
 *
 * <pre>
 * {"resultType":"vector","result":[{"metric":{"__name__":"up"},"value":[1435781451.781,"1"]}]}
 * {"resultType":"matrix","result":[{"metric":{},"values":[[1435781451,"1"]],"histograms":[[...]]}]}
 * {"resultType":"scalar","result":[1435781451.78,"1"]}
 * </pre>
 *
 * Vector and matrix timestamps always carry three decimals when they have any
 * ({@code jsonutil.MarshalTimestamp}); scalar and string results go through Go's
 * {@code encoding/json} instead, so their timestamps are the shortest float ({@code 1435781451.78})
 * and a scalar's value is never in exponent form. A matrix series leaves out {@code values} or
 * {@code histograms} when it has no points of that kind.
 */
final class QueryResultJson {
    private QueryResultJson() {}

    /**
     * @param stats written as {@code stats} when not {@code null}
     */
    static void write(JsonGenerator g, Value value, QueryStats stats) {
        write(g, value, stats, java.util.List.of());
    }

    /** @param namespaces the namespaces that served the query, added to {@code stats} when there are any */
    static void write(JsonGenerator g, Value value, QueryStats stats, java.util.List<String> namespaces) {
        g.writeStartObject();
        g.writeStringProperty("resultType", value.type().apiName());
        g.writeName("result");
        switch (value) {
            case InstantVector v -> writeVector(g, v);
            case RangeMatrix m -> writeMatrix(g, m);
            case Scalar s -> writeScalar(g, s);
            case StringValue s -> writeString(g, s);
        }
        if (stats != null) {
            g.writeName("stats");
            QueryStatsJson.write(g, stats, namespaces);
        }
        g.writeEndObject();
    }

    private static void writeVector(JsonGenerator g, InstantVector vector) {
        g.writeStartArray();
        for (Sample s : vector.samples()) {
            g.writeStartObject();
            g.writeName("metric");
            SeriesHandler.writeLabels(g, s.labels());
            if (s.isHistogram()) {
                g.writeArrayPropertyStart("histogram");
                g.writeNumber(GoFloats.timestamp(s.timestampMs()));
                HistogramJson.write(g, s.histogram());
            } else {
                g.writeArrayPropertyStart("value");
                g.writeNumber(GoFloats.timestamp(s.timestampMs()));
                g.writeString(GoFloats.sampleValue(s.value()));
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeMatrix(JsonGenerator g, RangeMatrix matrix) {
        char[] scratch = new char[GoFloats.MAX_TIMESTAMP_CHARS];
        g.writeStartArray();
        for (RangeSeries series : matrix.series()) {
            g.writeStartObject();
            g.writeName("metric");
            SeriesHandler.writeLabels(g, series.labels());
            long[] times = series.floatTimestamps();
            double[] values = series.floatValues();
            if (times.length > 0) {
                g.writeArrayPropertyStart("values");
                for (int i = 0; i < times.length; i++) {
                    g.writeStartArray();
                    writeTimestamp(g, scratch, times[i]);
                    writeValue(g, scratch, values[i]);
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            long[] histogramTimes = series.histogramTimestamps();
            FloatHistogram[] histograms = series.histograms();
            if (histogramTimes.length > 0) {
                g.writeArrayPropertyStart("histograms");
                for (int i = 0; i < histogramTimes.length; i++) {
                    g.writeStartArray();
                    writeTimestamp(g, scratch, histogramTimes[i]);
                    HistogramJson.write(g, histograms[i]);
                    g.writeEndArray();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A timestamp through a reused buffer: matrices have many points, so no string per point. */
    private static void writeTimestamp(JsonGenerator g, char[] scratch, long ms) {
        g.writeNumber(scratch, 0, GoFloats.timestampChars(ms, scratch));
    }

    /** A value through a reused buffer when it is a small whole number, the usual case. */
    private static void writeValue(JsonGenerator g, char[] scratch, double v) {
        int length = GoFloats.sampleValueChars(v, scratch);
        if (length < 0) {
            g.writeString(GoFloats.sampleValue(v));
        } else {
            g.writeString(scratch, 0, length);
        }
    }

    private static void writeScalar(JsonGenerator g, Scalar s) {
        g.writeStartArray();
        g.writeNumber(GoFloats.secondsNumber(s.timestampMs()));
        g.writeString(GoFloats.plain(s.value()));
        g.writeEndArray();
    }

    private static void writeString(JsonGenerator g, StringValue s) {
        g.writeStartArray();
        g.writeNumber(GoFloats.secondsNumber(s.timestampMs()));
        g.writeString(s.value());
        g.writeEndArray();
    }
}
