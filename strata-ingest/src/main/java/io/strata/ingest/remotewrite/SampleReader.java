package io.strata.ingest.remotewrite;

import io.strata.ingest.protobuf.ProtobufReader;
import io.strata.ingest.protobuf.WireType;

/**
 * Reads one {@code Sample { double value = 1; int64 timestamp = 2; }}, identical in both remote
 * write versions, and appends it. Absent fields are zero, as protobuf defines.
 */
final class SampleReader {
    private SampleReader() {}

    static void appendOne(ProtobufReader in, SeriesWriter writer) {
        double value = 0;
        long timestamp = 0;
        while (in.hasRemaining()) {
            int tag = in.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    in.expectWireType(tag, WireType.FIXED64, "Sample.value");
                    value = in.readDouble();
                }
                case 2 -> {
                    in.expectWireType(tag, WireType.VARINT, "Sample.timestamp");
                    timestamp = in.readVarint64();
                }
                default -> in.skipField(tag);
            }
        }
        writer.append(timestamp, value);
    }
}
