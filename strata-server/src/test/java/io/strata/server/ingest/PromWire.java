package io.strata.server.ingest;

import io.airlift.compress.v3.snappy.SnappyJavaCompressor;
import io.airlift.compress.v3.snappy.SnappyJavaDecompressor;
import io.strata.ingest.prompb.Remote;
import io.strata.ingest.prompb.Types;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Arrays;

/** Builds remote write and read requests the way Prometheus sends them, with generated classes. */
public final class PromWire {
    public static final String V1_CONTENT_TYPE = "application/x-protobuf";

    private PromWire() {}

    /** A series from alternating label names and values, and samples as (t, v) pairs. */
    public static Types.TimeSeries series(String[] labels, double... timestampsAndValues) {
        Types.TimeSeries.Builder ts = Types.TimeSeries.newBuilder();
        for (int i = 0; i < labels.length; i += 2) {
            ts.addLabels(Types.Label.newBuilder().setName(labels[i]).setValue(labels[i + 1]));
        }
        for (int i = 0; i < timestampsAndValues.length; i += 2) {
            ts.addSamples(Types.Sample.newBuilder().setTimestamp((long) timestampsAndValues[i])
                    .setValue(timestampsAndValues[i + 1]));
        }
        return ts.build();
    }

    public static HttpRequest write(URI uri, Types.TimeSeries... series) {
        byte[] body = snappy(Remote.WriteRequest.newBuilder().addAllTimeseries(Arrays.asList(series)).build().toByteArray());
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", V1_CONTENT_TYPE)
                .header("Content-Encoding", "snappy")
                .header("X-Prometheus-Remote-Write-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** A SAMPLES remote read of {@code name="value"} over [start, end], accepting gzip like Go clients. */
    public static HttpRequest read(URI uri, long start, long end, String name, String value) {
        Remote.ReadRequest request = Remote.ReadRequest.newBuilder()
                .addQueries(Remote.Query.newBuilder()
                        .setStartTimestampMs(start)
                        .setEndTimestampMs(end)
                        .addMatchers(Types.LabelMatcher.newBuilder()
                                .setType(Types.LabelMatcher.Type.EQ).setName(name).setValue(value)))
                .addAcceptedResponseTypes(Remote.ReadRequest.ResponseType.SAMPLES)
                .build();
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-protobuf")
                .header("Content-Encoding", "snappy")
                .header("Accept-Encoding", "snappy, gzip")
                .header("X-Prometheus-Remote-Read-Version", "0.1.0")
                .POST(HttpRequest.BodyPublishers.ofByteArray(snappy(request.toByteArray())))
                .build();
    }

    public static Remote.ReadResponse parseReadResponse(byte[] body) throws Exception {
        return Remote.ReadResponse.parseFrom(unsnappy(body));
    }

    /** {@code {a="1", b="2"} t=v t=v} per series of a read response, for comparisons. */
    public static String describe(Remote.ReadResponse response) {
        StringBuilder sb = new StringBuilder();
        for (Remote.QueryResult r : response.getResultsList()) {
            for (Types.TimeSeries ts : r.getTimeseriesList()) {
                sb.append('{');
                for (int i = 0; i < ts.getLabelsCount(); i++) {
                    sb.append(i == 0 ? "" : ", ").append(ts.getLabels(i).getName()).append("=\"")
                            .append(ts.getLabels(i).getValue()).append('"');
                }
                sb.append('}');
                for (Types.Sample s : ts.getSamplesList()) {
                    sb.append(' ').append(s.getTimestamp()).append('=').append(s.getValue());
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    public static byte[] snappy(byte[] raw) {
        SnappyJavaCompressor c = new SnappyJavaCompressor();
        byte[] out = new byte[c.maxCompressedLength(raw.length)];
        int n = c.compress(raw, 0, raw.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }

    static byte[] unsnappy(byte[] compressed) {
        SnappyJavaDecompressor d = new SnappyJavaDecompressor();
        byte[] out = new byte[d.getUncompressedLength(compressed, 0)];
        int n = d.decompress(compressed, 0, compressed.length, out, 0, out.length);
        return Arrays.copyOf(out, n);
    }
}
