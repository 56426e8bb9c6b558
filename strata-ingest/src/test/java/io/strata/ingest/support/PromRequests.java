package io.strata.ingest.support;

import io.strata.ingest.prompb.Remote.WriteRequest;
import io.strata.ingest.prompb.Types;
import io.strata.ingest.prompb.v2.WriteV2;
import io.strata.ingest.remotewrite.RemoteWriteRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds remote-write requests with protoc-generated classes, independent of the hand-written
 * decoder under test.
 */
public final class PromRequests {
    public static final String V1_CONTENT_TYPE = "application/x-protobuf";
    public static final String V2_CONTENT_TYPE = "application/x-protobuf;proto=io.prometheus.write.v2.Request";

    private PromRequests() {}

    /** A 1.0 series with labels in the given order (not sorted for you) and samples (t, v, t, v...). */
    public static Types.TimeSeries v1Series(List<String> namesAndValues, double... timestampsAndValues) {
        Types.TimeSeries.Builder ts = Types.TimeSeries.newBuilder();
        for (int i = 0; i < namesAndValues.size(); i += 2) {
            ts.addLabels(Types.Label.newBuilder().setName(namesAndValues.get(i)).setValue(namesAndValues.get(i + 1)));
        }
        for (int i = 0; i < timestampsAndValues.length; i += 2) {
            ts.addSamples(Types.Sample.newBuilder()
                    .setTimestamp((long) timestampsAndValues[i])
                    .setValue(timestampsAndValues[i + 1]));
        }
        return ts.build();
    }

    public static WriteRequest v1(Types.TimeSeries... series) {
        return WriteRequest.newBuilder().addAllTimeseries(List.of(series)).build();
    }

    public static RemoteWriteRequest v1Request(WriteRequest request) {
        return RemoteWriteRequest.of(V1_CONTENT_TYPE, "snappy", "0.1.0", Snappy.compress(request.toByteArray()));
    }

    public static RemoteWriteRequest v2Request(WriteV2.Request request) {
        return RemoteWriteRequest.of(V2_CONTENT_TYPE, "snappy", "2.0.0", Snappy.compress(request.toByteArray()));
    }

    /** Builds a 2.0 request, interning strings into its symbol table ({@code ""} first). */
    public static final class V2 {
        private final List<String> symbols = new ArrayList<>(List.of(""));
        private final Map<String, Integer> refs = new HashMap<>(Map.of("", 0));
        private final WriteV2.Request.Builder request = WriteV2.Request.newBuilder();

        public int ref(String symbol) {
            return refs.computeIfAbsent(symbol, s -> {
                symbols.add(s);
                return symbols.size() - 1;
            });
        }

        /** A series builder with labels (in the given order) already referenced. */
        public WriteV2.TimeSeries.Builder series(List<String> namesAndValues, double... timestampsAndValues) {
            WriteV2.TimeSeries.Builder ts = WriteV2.TimeSeries.newBuilder();
            for (String s : namesAndValues) {
                ts.addLabelsRefs(ref(s));
            }
            for (int i = 0; i < timestampsAndValues.length; i += 2) {
                ts.addSamples(WriteV2.Sample.newBuilder()
                        .setTimestamp((long) timestampsAndValues[i])
                        .setValue(timestampsAndValues[i + 1]));
            }
            return ts;
        }

        public V2 add(WriteV2.TimeSeries.Builder series) {
            request.addTimeseries(series);
            return this;
        }

        public WriteV2.Metadata metadata(WriteV2.Metadata.MetricType type, String help, String unit) {
            return WriteV2.Metadata.newBuilder().setType(type).setHelpRef(ref(help)).setUnitRef(ref(unit)).build();
        }

        public WriteV2.Request build() {
            return request.clearSymbols().addAllSymbols(symbols).build();
        }
    }
}
