package io.strata.ingest.remotewrite;

import io.strata.ingest.protobuf.ProtobufReader;
import io.strata.ingest.protobuf.WireType;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes a remote write 2.0 {@code io.prometheus.write.v2.Request} straight into a
 * {@link SeriesWriter}:
 *
 * <pre>
 * Request    { repeated string symbols = 4; repeated TimeSeries timeseries = 5; }
 * TimeSeries { repeated uint32 labels_refs = 1; repeated Sample samples = 2;
 *              repeated Histogram histograms = 3; repeated Exemplar exemplars = 4;
 *              Metadata metadata = 5; int64 created_timestamp = 6; }
 * Metadata   { MetricType type = 1; uint32 help_ref = 3; uint32 unit_ref = 4; }
 * </pre>
 *
 * A first pass over the request collects the symbol table, which protobuf allows anywhere in the
 * message; {@code symbols[0]} must be the empty string (the specification's rule, which keeps a
 * sender that forgot it from having every reference shifted by one). Each time series is then
 * read twice like in {@link WriteRequestV1Decoder}; truncation and wrong wire types throw
 * {@link io.strata.ingest.protobuf.MalformedProtobufException}. References out of range reject their series
 * with {@link RejectionReason#INVALID_SYMBOL_REF}. Metadata goes to storage once per metric family
 * and distinct content per request. {@code created_timestamp} is not used yet. Reusable; not
 * thread-safe.
 */
final class WriteRequestV2Decoder {
    /** {@link SeriesKey} domain of 2.0 labels, made of per-symbol hashes. */
    static final long KEY_DOMAIN = 2;

    private final ProtobufReader in = new ProtobufReader();
    private final SymbolTable symbols = new SymbolTable();
    private long[] refs = new long[32];
    private int refCount;
    /** Family name per metric-name symbol, and the type it was derived for, reset per request. */
    private String[] familyBySymbol = new String[64];

    private MetricType[] familyTypeBySymbol = new MetricType[64];

    private final Map<String, MetricMetadata> metadataSent = new HashMap<>();

    /** Why a request was refused as a whole, or null when it was decoded. */
    record Refusal(RejectionReason reason, String message) {}

    Refusal decode(byte[] body, int length, SeriesWriter writer) {
        symbols.clear(body);
        metadataSent.clear();
        in.reset(body, 0, length);
        while (in.hasRemaining()) {
            int tag = in.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 4 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "Request.symbols");
                    int offset = in.skipLengthDelimited();
                    symbols.add(offset, in.position() - offset);
                }
                case 5 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "Request.timeseries");
                    in.skipLengthDelimited();
                }
                default -> in.skipField(tag);
            }
        }
        if (symbols.size() > 0 && symbols.length(0) != 0) {
            return new Refusal(
                    RejectionReason.INVALID_SYMBOL_TABLE,
                    "invalid symbol table: symbols[0] must be the empty string, got "
                            + RemoteWriteProtocol.quote(Describe.text(body, symbols.offset(0), symbols.length(0)))
                            + " (remote write 2.0 specification, \"Symbols\")");
        }
        if (familyBySymbol.length < symbols.size()) {
            familyBySymbol = new String[symbols.size()];
            familyTypeBySymbol = new MetricType[symbols.size()];
        } else {
            Arrays.fill(familyBySymbol, 0, symbols.size(), null);
            Arrays.fill(familyTypeBySymbol, 0, symbols.size(), null);
        }
        in.reset(body, 0, length);
        while (in.hasRemaining()) {
            int tag = in.readTag();
            if (WireType.fieldNumber(tag) == 5) {
                int outer = in.enterMessage();
                timeSeries(writer);
                in.exitMessage(outer);
            } else {
                in.skipField(tag);
            }
        }
        return null;
    }

    private void timeSeries(SeriesWriter writer) {
        int start = in.position();
        refCount = 0;
        int samples = 0;
        int histograms = 0;
        int exemplars = 0;
        long firstHistogramTimestamp = 0;
        long metadataType = 0;
        long helpRef = 0;
        long unitRef = 0;
        while (in.hasRemaining()) {
            int tag = in.readTag();
            switch (WireType.fieldNumber(tag)) {
                case 1 -> labelRefs(tag);
                case 2 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "TimeSeries.samples");
                    in.skipLengthDelimited();
                    samples++;
                }
                case 3 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "TimeSeries.histograms");
                    if (histograms++ == 0) {
                        int outer = in.enterMessage();
                        firstHistogramTimestamp = HistogramTimestamp.read(in);
                        in.exitMessage(outer);
                    } else {
                        in.skipLengthDelimited();
                    }
                }
                case 4 -> {
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "TimeSeries.exemplars");
                    in.skipLengthDelimited();
                    exemplars++;
                }
                case 5 -> {
                    // A singular message field that repeats is merged: later fields overwrite.
                    in.expectWireType(tag, WireType.LENGTH_DELIMITED, "TimeSeries.metadata");
                    int outer = in.enterMessage();
                    while (in.hasRemaining()) {
                        int metadataTag = in.readTag();
                        switch (WireType.fieldNumber(metadataTag)) {
                            case 1 -> {
                                in.expectWireType(metadataTag, WireType.VARINT, "Metadata.type");
                                metadataType = in.readVarint64();
                            }
                            case 3 -> {
                                in.expectWireType(metadataTag, WireType.VARINT, "Metadata.help_ref");
                                helpRef = in.readVarint64() & 0xffffffffL;
                            }
                            case 4 -> {
                                in.expectWireType(metadataTag, WireType.VARINT, "Metadata.unit_ref");
                                unitRef = in.readVarint64() & 0xffffffffL;
                            }
                            default -> in.skipField(metadataTag);
                        }
                    }
                    in.exitMessage(outer);
                }
                default -> in.skipField(tag);
            }
        }
        writer.ignoreExemplars(exemplars);
        if (!labelsFromRefs(writer, samples + histograms)) {
            return;
        }
        SeriesKey key = writer.seriesKey();
        if (key != null) {
            // Symbol numbers differ between requests, so the key is made of the symbols' bytes.
            key.reset(KEY_DOMAIN);
            for (int i = 0; i < refCount; i++) {
                symbols.addToKey(key, (int) refs[i]);
            }
        }
        if (!writer.beginSeries(samples + histograms, symbols, null)) {
            return;
        }
        if (samples > 0) {
            in.position(start);
            appendSamples(writer);
        }
        if (histograms > 0) {
            writer.rejectHistograms(histograms, firstHistogramTimestamp);
        }
        if (metadataType != 0 || helpRef != 0 || unitRef != 0) {
            metadata(writer, metadataType, helpRef, unitRef);
        }
    }

    /** labels_refs is a packed repeated uint32, but parsers must accept the unpacked form too. */
    private void labelRefs(int tag) {
        if (WireType.wireType(tag) == WireType.VARINT) {
            addRef(in.readVarint64());
            return;
        }
        in.expectWireType(tag, WireType.LENGTH_DELIMITED, "TimeSeries.labels_refs");
        int outer = in.enterMessage();
        while (in.hasRemaining()) {
            addRef(in.readVarint64());
        }
        in.exitMessage(outer);
    }

    private void addRef(long ref) {
        if (refCount == refs.length) {
            refs = Arrays.copyOf(refs, refCount * 2);
        }
        // uint32 on the wire: a longer varint is truncated to 32 bits, as protobuf defines.
        refs[refCount++] = ref & 0xffffffffL;
    }

    private boolean labelsFromRefs(SeriesWriter writer, int samples) {
        if (refCount % 2 != 0) {
            writer.rejectSeries(RejectionReason.INVALID_SYMBOL_REF, samples,
                    "odd number of label references [refs=" + refCount + "]: labels_refs holds name/value pairs");
            return false;
        }
        RawLabels raw = writer.rawLabels();
        raw.clear(in.buffer());
        for (int i = 0; i < refCount; i += 2) {
            long name = refs[i];
            long value = refs[i + 1];
            if (!symbols.contains(name) || !symbols.contains(value)) {
                long bad = symbols.contains(name) ? value : name;
                writer.rejectSeries(RejectionReason.INVALID_SYMBOL_REF, samples,
                        "label reference out of range [ref=" + bad + ", symbols=" + symbols.size()
                                + ", pair=" + (i / 2) + "]: every reference must index the request's symbols");
                return false;
            }
            int n = (int) name;
            int v = (int) value;
            raw.addRefs(symbols.offset(n), symbols.length(n), n, symbols.offset(v), symbols.length(v), v);
        }
        return true;
    }

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

    private void metadata(SeriesWriter writer, long typeNumber, long helpRef, long unitRef) {
        WriteReport report = writer.report();
        if (!symbols.contains(helpRef) || !symbols.contains(unitRef)) {
            report.reject(RejectionReason.INVALID_SYMBOL_REF, 1,
                    "metadata reference out of range [series=" + writer.labels() + ", help_ref=" + helpRef
                            + ", unit_ref=" + unitRef + ", symbols=" + symbols.size()
                            + "]: metadata was not stored, the samples were");
            return;
        }
        int help = (int) helpRef;
        int unit = (int) unitRef;
        if (!symbols.isValidUtf8(help) || !symbols.isValidUtf8(unit)) {
            report.reject(RejectionReason.INVALID_UTF8, 1,
                    "metadata help or unit is not valid UTF-8 [series=" + writer.labels()
                            + "]: metadata was not stored, the samples were");
            return;
        }
        MetricType type = MetricFamilies.type(typeNumber);
        String family = family(writer, type);
        String helpText = symbols.string(help);
        String unitText = symbols.string(unit);
        MetricMetadata previous = metadataSent.get(family);
        if (previous != null
                && previous.type() == type
                && previous.help().equals(helpText)
                && previous.unit().equals(unitText)) {
            return;
        }
        MetricMetadata metadata = new MetricMetadata(type, helpText, unitText);
        metadataSent.put(family, metadata);
        writer.updateMetadata(family, metadata);
    }

    /** The family of the current series, derived once per metric-name symbol and type. */
    private String family(SeriesWriter writer, MetricType type) {
        int nameSymbol = metricNameSymbol(writer.rawLabels());
        if (familyBySymbol[nameSymbol] == null || familyTypeBySymbol[nameSymbol] != type) {
            familyBySymbol[nameSymbol] = MetricFamilies.familyOf(symbols.string(nameSymbol), type);
            familyTypeBySymbol[nameSymbol] = type;
        }
        return familyBySymbol[nameSymbol];
    }

    private static final byte[] METRIC_NAME = {'_', '_', 'n', 'a', 'm', 'e', '_', '_'};

    private static int metricNameSymbol(RawLabels raw) {
        for (int i = 0; i < raw.size(); i++) {
            if (raw.valueLength(i) > 0 && raw.nameEquals(i, METRIC_NAME)) {
                return raw.valueRef(i);
            }
        }
        throw new IllegalStateException("BUG: a validated series has no metric name");
    }
}
