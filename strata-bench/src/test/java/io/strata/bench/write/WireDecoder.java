package io.strata.bench.write;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import io.airlift.compress.v3.snappy.SnappyDecompressor;
import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes remote-write requests in tests with protobuf-java's own wire reader, independently of
 * the encoder under test. Fails on anything a strict receiver would reject: unknown fields, labels
 * out of order, v2 references outside the symbol table, a first symbol that is not empty.
 */
final class WireDecoder {
    record Sample(long timestamp, double value) {}

    record Series(Labels labels, List<Sample> samples, int metadataType) {}

    record Request(List<String> symbols, List<Series> series) {
        long sampleCount() {
            return series.stream().mapToLong(s -> s.samples().size()).sum();
        }
    }

    private WireDecoder() {}

    static byte[] unsnappy(byte[] body, int length) {
        SnappyDecompressor d = SnappyDecompressor.create();
        byte[] out = new byte[d.getUncompressedLength(body, 0)];
        int n = d.decompress(body, 0, length, out, 0, out.length);
        if (n != out.length) {
            throw new AssertionError("snappy gave " + n + " bytes, header said " + out.length);
        }
        return out;
    }

    static Request decodeV1(byte[] b) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(b);
            List<Series> series = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                expect(tag, 1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                int limit = in.pushLimit(in.readRawVarint32());
                LabelsBuilder labels = new LabelsBuilder();
                List<Sample> samples = new ArrayList<>();
                for (int t = in.readTag(); t != 0; t = in.readTag()) {
                    int field = WireFormat.getTagFieldNumber(t);
                    if (field == 1) {
                        int labelLimit = in.pushLimit(in.readRawVarint32());
                        String name = "";
                        String value = "";
                        for (int lt = in.readTag(); lt != 0; lt = in.readTag()) {
                            if (WireFormat.getTagFieldNumber(lt) == 1) {
                                name = in.readString();
                            } else {
                                expect(lt, 2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                                value = in.readString();
                            }
                        }
                        in.popLimit(labelLimit);
                        labels.add(name, value);
                    } else {
                        expect(t, 2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                        samples.add(readSample(in));
                    }
                }
                in.popLimit(limit);
                series.add(new Series(sorted(labels), samples, 0));
            }
            return new Request(List.of(), series);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Request decodeV2(byte[] b) {
        try {
            CodedInputStream in = CodedInputStream.newInstance(b);
            List<String> symbols = new ArrayList<>();
            List<int[]> refsPerSeries = new ArrayList<>();
            List<List<Sample>> samplesPerSeries = new ArrayList<>();
            List<Integer> types = new ArrayList<>();
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                if (WireFormat.getTagFieldNumber(tag) == 4) {
                    expect(tag, 4, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                    symbols.add(in.readString());
                    continue;
                }
                expect(tag, 5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                int limit = in.pushLimit(in.readRawVarint32());
                List<Integer> refs = new ArrayList<>();
                List<Sample> samples = new ArrayList<>();
                int type = 0;
                for (int t = in.readTag(); t != 0; t = in.readTag()) {
                    switch (WireFormat.getTagFieldNumber(t)) {
                        case 1 -> {
                            expect(t, 1, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                            int refsLimit = in.pushLimit(in.readRawVarint32());
                            while (in.getBytesUntilLimit() > 0) {
                                refs.add(in.readUInt32());
                            }
                            in.popLimit(refsLimit);
                        }
                        case 2 -> {
                            expect(t, 2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                            samples.add(readSample(in));
                        }
                        case 5 -> {
                            expect(t, 5, WireFormat.WIRETYPE_LENGTH_DELIMITED);
                            int mdLimit = in.pushLimit(in.readRawVarint32());
                            for (int mt = in.readTag(); mt != 0; mt = in.readTag()) {
                                expect(mt, 1, WireFormat.WIRETYPE_VARINT);
                                type = in.readEnum();
                            }
                            in.popLimit(mdLimit);
                        }
                        default -> throw new AssertionError("unexpected field in v2 TimeSeries: " + t);
                    }
                }
                in.popLimit(limit);
                refsPerSeries.add(refs.stream().mapToInt(Integer::intValue).toArray());
                samplesPerSeries.add(samples);
                types.add(type);
            }
            if (symbols.isEmpty() || !symbols.get(0).isEmpty()) {
                throw new AssertionError("symbols must start with the empty string: " + symbols);
            }
            List<Series> series = new ArrayList<>();
            for (int i = 0; i < refsPerSeries.size(); i++) {
                int[] refs = refsPerSeries.get(i);
                if (refs.length % 2 != 0) {
                    throw new AssertionError("odd number of label refs: " + refs.length);
                }
                LabelsBuilder labels = new LabelsBuilder();
                for (int r = 0; r < refs.length; r += 2) {
                    labels.add(symbols.get(refs[r]), symbols.get(refs[r + 1]));
                }
                series.add(new Series(sorted(labels), samplesPerSeries.get(i), types.get(i)));
            }
            return new Request(symbols, series);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Sample readSample(CodedInputStream in) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        long ts = 0;
        double value = 0;
        for (int t = in.readTag(); t != 0; t = in.readTag()) {
            if (WireFormat.getTagFieldNumber(t) == 1) {
                expect(t, 1, WireFormat.WIRETYPE_FIXED64);
                value = Double.longBitsToDouble(in.readFixed64());
            } else {
                expect(t, 2, WireFormat.WIRETYPE_VARINT);
                ts = in.readInt64();
            }
        }
        in.popLimit(limit);
        return new Sample(ts, value);
    }

    private static Labels sorted(LabelsBuilder labels) {
        if (!labels.isStrictlySorted()) {
            throw new AssertionError("labels not sorted by name: " + labels);
        }
        return labels.build();
    }

    private static void expect(int tag, int field, int wireType) {
        if (WireFormat.getTagFieldNumber(tag) != field || WireFormat.getTagWireType(tag) != wireType) {
            throw new AssertionError("expected field " + field + " wire type " + wireType + ", got tag " + tag);
        }
    }
}
