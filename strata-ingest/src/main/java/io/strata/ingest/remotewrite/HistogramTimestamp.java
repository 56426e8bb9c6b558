package io.strata.ingest.remotewrite;

import io.strata.ingest.protobuf.ProtobufReader;
import io.strata.ingest.protobuf.WireType;

/**
 * Reads only the timestamp (field 15 in both remote write versions) of a native histogram, for
 * the message that says histograms are not stored yet.
 */
final class HistogramTimestamp {
    private static final int TIMESTAMP_FIELD = 15;

    private HistogramTimestamp() {}

    static long read(ProtobufReader in) {
        long timestamp = 0;
        while (in.hasRemaining()) {
            int tag = in.readTag();
            if (WireType.fieldNumber(tag) == TIMESTAMP_FIELD) {
                in.expectWireType(tag, WireType.VARINT, "Histogram.timestamp");
                timestamp = in.readVarint64();
            } else {
                in.skipField(tag);
            }
        }
        return timestamp;
    }
}
