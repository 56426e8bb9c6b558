package io.strata.ingest.remotewrite;

import io.strata.ingest.protobuf.MalformedProtobufException;
import io.strata.ingest.protobuf.ProtobufReader;
import io.strata.ingest.protobuf.Utf8;
import io.strata.ingest.protobuf.WireType;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Decodes a remote write 1.0 {@code prometheus.WriteRequest} straight into a {@link SeriesWriter},
 * without building message objects:
 *
 * <pre>
 * WriteRequest   { repeated TimeSeries timeseries = 1; repeated MetricMetadata metadata = 3; }
 * TimeSeries     { repeated Label labels = 1; repeated Sample samples = 2;
 *                  repeated Exemplar exemplars = 3; repeated Histogram histograms = 4; }
 * Label          { string name = 1; string value = 2; }
 * Sample         { double value = 1; int64 timestamp = 2; }
 * MetricMetadata { MetricType type = 1; string metric_family_name = 2; string help = 4; string unit = 5; }
 * </pre>
 *
 * Each time series is read twice: a first pass records where its Label messages are, hashes their
 * bytes into the {@link SeriesKey} and counts samples, so the labels are validated before any
 * sample is appended whatever the field order; a second pass appends the samples. The Label
 * messages themselves are parsed only when the series is not in the {@link SeriesCache} (or a
 * message needs its labels). Unknown fields are skipped; a known field with the wrong wire type or
 * any truncation throws {@link MalformedProtobufException}. Reusable; not thread-safe.
 */
final class WriteRequestV1Decoder implements SeriesWriter.LabelSource {
    /** {@link SeriesKey} domain of 1.0 label bytes. */
    static final long KEY_DOMAIN = 1;

    private final ProtobufReader in = new ProtobufReader();
    private final ProtobufReader labelReader = new ProtobufReader();
    /** Payload slices of the current series' Label messages, read only when the labels are needed. */
    private int[] labelOffset = new int[16];
    private int[] labelLength = new int[16];
    private int labelCount;

    void decode(byte[] body, int length, SeriesWriter writer) {
        in.reset(body, 0, length);
        while (in.hasRemaining()) {
            int tag = in.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "WriteRequest.timeseries");
                    int outer = in.enterMessage();
                    timeSeries(writer);
                    in.exitMessage(outer);
                }
                case 3 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "WriteRequest.metadata");
                    int outer = in.enterMessage();
                    metadata(writer);
                    in.exitMessage(outer);
                }
                default -> in.skipField(tag);
            }
        }
    }

    private void timeSeries(SeriesWriter writer) {
        writer.rawLabels().clear(in.buffer());
        SeriesKey key = writer.seriesKey();
        if (key != null) {
            key.reset(KEY_DOMAIN);
        }
        labelCount = 0;
        // The key covers the label fields' bytes, tag and length included, in runs of adjacent fields.
        int runStart = -1;
        int runEnd = -1;
        int start = in.position();
        int samples = 0;
        int histograms = 0;
        int exemplars = 0;
        long firstHistogramTimestamp = 0;
        while (in.hasRemaining()) {
            int fieldStart = in.position();
            int tag = in.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "TimeSeries.labels");
                    int payload = in.skipLengthDelimited();
                    addLabelSlice(payload, in.position() - payload);
                    if (key != null) {
                        if (fieldStart != runEnd) {
                            if (runStart >= 0) {
                                key.addBytes(in.buffer(), runStart, runEnd - runStart);
                            }
                            runStart = fieldStart;
                        }
                        runEnd = in.position();
                    }
                }
                case 2 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "TimeSeries.samples");
                    in.skipLengthDelimited();
                    samples++;
                }
                case 3 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "TimeSeries.exemplars");
                    in.skipLengthDelimited();
                    exemplars++;
                }
                case 4 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "TimeSeries.histograms");
                    if (histograms++ == 0) {
                        int outer = in.enterMessage();
                        firstHistogramTimestamp = HistogramTimestamp.read(in);
                        in.exitMessage(outer);
                    } else {
                        in.skipLengthDelimited();
                    }
                }
                default -> in.skipField(tag);
            }
        }
        if (key != null && runStart >= 0) {
            key.addBytes(in.buffer(), runStart, runEnd - runStart);
        }
        if (writer.beginSeries(samples + histograms, null, this)) {
            if (samples > 0) {
                in.position(start);
                appendSamples(writer);
            }
            if (histograms > 0) {
                writer.rejectHistograms(histograms, firstHistogramTimestamp);
            }
        }
        writer.ignoreExemplars(exemplars);
    }

    /** Second pass over a time series: its structure was checked by the first, so only samples matter. */
    private void appendSamples(SeriesWriter writer) {
        while (in.hasRemaining()) {
            int tag = in.readTag();
            if (WireType.fieldNumber(tag) == 2) {
                int outer = in.enterMessage();
                SampleReader.appendOne(in, writer);
                in.exitMessage(outer);
            } else {
                in.skipField(tag);
            }
        }
    }

    private void addLabelSlice(int offset, int length) {
        if (labelCount == labelOffset.length) {
            labelOffset = Arrays.copyOf(labelOffset, labelCount * 2);
            labelLength = Arrays.copyOf(labelLength, labelCount * 2);
        }
        labelOffset[labelCount] = offset;
        labelLength[labelCount] = length;
        labelCount++;
    }

    /**
     * Parses the Label messages of the current series, recorded by the first pass. Runs only when
     * the series is not cached or a message needs its labels; a malformed Label then throws like
     * any malformed field, before a sample of the series was appended.
     */
    @Override
    public void loadLabels(RawLabels raw) {
        for (int i = 0; i < labelCount; i++) {
            labelReader.reset(in.buffer(), labelOffset[i], labelLength[i]);
            label(labelReader, raw);
        }
    }

    /** A Label message; when a field repeats, the last occurrence wins (protobuf's merge rule). */
    private static void label(ProtobufReader in, RawLabels raw) {
        int nameOffset = in.position();
        int nameLength = 0;
        int valueOffset = in.position();
        int valueLength = 0;
        while (in.hasRemaining()) {
            int tag = in.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "Label.name");
                    nameOffset = in.skipLengthDelimited();
                    nameLength = in.position() - nameOffset;
                }
                case 2 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "Label.value");
                    valueOffset = in.skipLengthDelimited();
                    valueLength = in.position() - valueOffset;
                }
                default -> in.skipField(tag);
            }
        }
        raw.add(nameOffset, nameLength, valueOffset, valueLength);
    }

    private void metadata(SeriesWriter writer) {
        long type = 0;
        int familyOffset = in.position();
        int familyLength = 0;
        int helpOffset = in.position();
        int helpLength = 0;
        int unitOffset = in.position();
        int unitLength = 0;
        while (in.hasRemaining()) {
            int tag = in.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> {
                    in.expectWireType(tag, WireType.VARINT, "MetricMetadata.type");
                    type = in.readVarint64();
                }
                case 2 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "MetricMetadata.metric_family_name");
                    familyOffset = in.skipLengthDelimited();
                    familyLength = in.position() - familyOffset;
                }
                case 4 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "MetricMetadata.help");
                    helpOffset = in.skipLengthDelimited();
                    helpLength = in.position() - helpOffset;
                }
                case 5 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "MetricMetadata.unit");
                    unitOffset = in.skipLengthDelimited();
                    unitLength = in.position() - unitOffset;
                }
                default -> in.skipField(tag);
            }
        }
        byte[] b = in.buffer();
        WriteReport report = writer.report();
        if (familyLength == 0) {
            report.reject(RejectionReason.MISSING_METRIC_NAME, 1,
                    "metadata entry without metric_family_name [help=" + Describe.text(b, helpOffset, helpLength)
                            + "]; metadata must name its metric family");
            return;
        }
        if (!Utf8.isValid(b, familyOffset, familyLength)
                || !Utf8.isValid(b, helpOffset, helpLength)
                || !Utf8.isValid(b, unitOffset, unitLength)) {
            report.reject(RejectionReason.INVALID_UTF8, 1,
                    "metadata of family " + Describe.text(b, familyOffset, familyLength)
                            + " is not valid UTF-8 (invalid bytes shown as U+FFFD); metadata must be UTF-8");
            return;
        }
        MetricType metricType = MetricFamilies.type(type);
        writer.updateMetadata(
                new String(b, familyOffset, familyLength, StandardCharsets.UTF_8),
                new MetricMetadata(
                        metricType,
                        new String(b, helpOffset, helpLength, StandardCharsets.UTF_8),
                        new String(b, unitOffset, unitLength, StandardCharsets.UTF_8)));
    }
}
