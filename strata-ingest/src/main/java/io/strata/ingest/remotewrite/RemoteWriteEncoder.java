package io.strata.ingest.remotewrite;

import io.strata.model.Hashing;
import io.strata.model.Labels;
import io.strata.model.MetricType;
import java.util.Arrays;

/**
 * Builds Prometheus remote-write request bodies (before snappy) from labels and primitive sample
 * arrays: a 1.0 {@code prometheus.WriteRequest} or a 2.0 {@code io.prometheus.write.v2.Request}.
 * Hand-written protobuf so that a load generator or a forwarding client can encode millions of
 * samples per second without building message objects; after warm-up, encoding allocates nothing
 * but the growth of its own buffers.
 *
 * <p>Wire layout (field numbers from {@code prompb/types.proto} and
 * {@code prompb/io/prometheus/write/v2/types.proto}):
 * <pre>
 * v1 WriteRequest { repeated TimeSeries timeseries = 1; }
 *    TimeSeries   { repeated Label labels = 1; repeated Sample samples = 2; }
 *    Label        { string name = 1; string value = 2; }
 *    Sample       { double value = 1; int64 timestamp = 2; }
 * v2 Request      { repeated string symbols = 4; repeated TimeSeries timeseries = 5; }
 *    TimeSeries   { repeated uint32 labels_refs = 1 [packed]; repeated Sample samples = 2; Metadata metadata = 5; }
 *    Metadata     { MetricType type = 1; uint32 help_ref = 3; uint32 unit_ref = 4; }
 * </pre>
 * The output is canonical protobuf: minimal varints, fields in number order except that v2
 * symbols (field 4) come before the series (field 5) so a one-pass decoder can resolve references;
 * zero-valued scalars are omitted as proto3 encoders do (a sample value is omitted only when its
 * bits are all zero, so {@code -0.0} and every NaN survive). In v2, {@code symbols[0]} is the
 * empty string as the specification requires, help and unit are not sent (their refs are 0), and
 * the metadata type is sent when it is not {@link MetricType#UNKNOWN}.
 *
 * <p>Usage: {@link #reset()}, then {@link #addSeries} per series, then {@link #finish()}, whose
 * result is {@code array()[0 .. length)} until the next {@code reset()}. Not thread-safe: use one
 * encoder per sending thread.
 */
public final class RemoteWriteEncoder {
    /** The remote-write protocol version to encode. */
    public enum Version {
        /** Remote write 1.0: {@code prometheus.WriteRequest}. */
        V1("application/x-protobuf", "0.1.0"),
        /** Remote write 2.0: {@code io.prometheus.write.v2.Request} with a symbol table. */
        V2("application/x-protobuf;proto=io.prometheus.write.v2.Request", "2.0.0");

        private final String contentType;
        private final String versionHeader;

        Version(String contentType, String versionHeader) {
            this.contentType = contentType;
            this.versionHeader = versionHeader;
        }

        /** The {@code Content-Type} header value for bodies of this version. */
        public String contentType() {
            return contentType;
        }

        /** The {@code X-Prometheus-Remote-Write-Version} header value for this version. */
        public String versionHeader() {
            return versionHeader;
        }
    }

    private static final int WIRE_VARINT = 0;
    private static final int WIRE_FIXED64 = 1;
    private static final int WIRE_LENGTH_DELIMITED = 2;

    private static final byte V1_TIMESERIES = tag(1, WIRE_LENGTH_DELIMITED);
    private static final byte V1_LABELS = tag(1, WIRE_LENGTH_DELIMITED);
    private static final byte LABEL_NAME = tag(1, WIRE_LENGTH_DELIMITED);
    private static final byte LABEL_VALUE = tag(2, WIRE_LENGTH_DELIMITED);
    private static final byte SERIES_SAMPLES = tag(2, WIRE_LENGTH_DELIMITED);
    private static final byte SAMPLE_VALUE = tag(1, WIRE_FIXED64);
    private static final byte SAMPLE_TIMESTAMP = tag(2, WIRE_VARINT);
    private static final byte V2_SYMBOLS = tag(4, WIRE_LENGTH_DELIMITED);
    private static final byte V2_TIMESERIES = tag(5, WIRE_LENGTH_DELIMITED);
    private static final byte V2_LABELS_REFS = tag(1, WIRE_LENGTH_DELIMITED);
    private static final byte V2_METADATA = tag(5, WIRE_LENGTH_DELIMITED);
    private static final byte METADATA_TYPE = tag(1, WIRE_VARINT);

    private final Version version;
    /** v1: the whole request. v2: the symbols, then (at finish) the series copied after them. */
    private final Buffer out = new Buffer(64 * 1024);
    /** v2 only: the timeseries fields, written as series arrive, before the symbol table is complete. */
    private final Buffer series;
    private final SymbolTable symbols;
    private int[] refs = new int[64];
    private int seriesCount;
    private long sampleCount;
    private boolean finished;
    private int length;

    public RemoteWriteEncoder(Version version) {
        this.version = version;
        boolean v2 = version == Version.V2;
        this.series = v2 ? new Buffer(64 * 1024) : null;
        this.symbols = v2 ? new SymbolTable() : null;
        reset();
    }

    public Version version() {
        return version;
    }

    /** Starts a new request, keeping the buffers. */
    public void reset() {
        out.clear();
        if (series != null) {
            series.clear();
            symbols.clear();
        }
        seriesCount = 0;
        sampleCount = 0;
        finished = false;
        length = 0;
    }

    /** Adds a series without metadata. See {@link #addSeries(Labels, MetricType, long[], double[], int, int)}. */
    public void addSeries(Labels labels, long[] timestamps, double[] values, int offset, int count) {
        addSeries(labels, MetricType.UNKNOWN, timestamps, values, offset, count);
    }

    /**
     * Adds one series with {@code count} samples taken from {@code timestamps[offset..]} and
     * {@code values[offset..]}, which the caller keeps in time order (receivers require it).
     *
     * @param labels the series labels, sorted by name as {@link Labels} always is
     * @param type sent as v2 metadata; ignored by v1, which carries metadata separately
     * @throws IllegalStateException when called after {@link #finish()} without {@link #reset()}
     */
    public void addSeries(Labels labels, MetricType type, long[] timestamps, double[] values, int offset, int count) {
        if (finished) {
            throw new IllegalStateException("request already finished; call reset() before adding series");
        }
        if (count < 0 || offset < 0 || offset + count > timestamps.length || offset + count > values.length) {
            throw new IndexOutOfBoundsException("samples [offset=" + offset + ", count=" + count
                    + "] outside arrays of " + timestamps.length + " timestamps and " + values.length + " values");
        }
        if (version == Version.V1) {
            addSeriesV1(labels.packedBytes(), timestamps, values, offset, count);
        } else {
            addSeriesV2(labels.packedBytes(), type, timestamps, values, offset, count);
        }
        seriesCount++;
        sampleCount += count;
    }

    private void addSeriesV1(byte[] packed, long[] timestamps, double[] values, int offset, int count) {
        int size = 0;
        for (int p = 0; p < packed.length; ) {
            int pairEnd = skipString(packed, skipString(packed, p));
            int labelSize = pairEnd - p + 2; // the two tags
            size += 1 + varintSize(labelSize) + labelSize;
            p = pairEnd;
        }
        size += samplesSize(timestamps, values, offset, count);

        Buffer b = out;
        b.ensure(1 + 5 + size);
        b.put(V1_TIMESERIES);
        b.putVarint(size);
        for (int p = 0; p < packed.length; ) {
            int valueStart = skipString(packed, p);
            int pairEnd = skipString(packed, valueStart);
            b.put(V1_LABELS);
            b.putVarint(pairEnd - p + 2);
            // Labels already stores each string as varint length + UTF-8, which is exactly the
            // protobuf encoding of a string field's payload: copy it behind the field tag.
            b.put(LABEL_NAME);
            b.put(packed, p, valueStart - p);
            b.put(LABEL_VALUE);
            b.put(packed, valueStart, pairEnd - valueStart);
            p = pairEnd;
        }
        putSamples(b, timestamps, values, offset, count);
    }

    private void addSeriesV2(byte[] packed, MetricType type, long[] timestamps, double[] values, int offset, int count) {
        int refCount = 0;
        int refsSize = 0;
        for (int p = 0; p < packed.length; ) {
            if (refCount + 2 > refs.length) {
                refs = Arrays.copyOf(refs, refs.length * 2);
            }
            for (int part = 0; part < 2; part++) {
                int len = readVarint(packed, p);
                int start = p + varintSize(len);
                int ref = symbols.intern(packed, start, len);
                refs[refCount++] = ref;
                refsSize += varintSize(ref);
                p = start + len;
            }
        }
        int typeNumber = metadataType(type);
        int size = (refCount == 0 ? 0 : 1 + varintSize(refsSize) + refsSize)
                + samplesSize(timestamps, values, offset, count)
                + (typeNumber == 0 ? 0 : 4); // tag, length 2, type tag, type (< 128)

        Buffer b = series;
        b.ensure(1 + 5 + size);
        b.put(V2_TIMESERIES);
        b.putVarint(size);
        if (refCount > 0) {
            b.put(V2_LABELS_REFS);
            b.putVarint(refsSize);
            for (int i = 0; i < refCount; i++) {
                b.putVarint(refs[i]);
            }
        }
        putSamples(b, timestamps, values, offset, count);
        if (typeNumber != 0) {
            b.put(V2_METADATA);
            b.put((byte) 2);
            b.put(METADATA_TYPE);
            b.put((byte) typeNumber);
        }
    }

    /** The v2 {@code Metadata.MetricType} number; 0 (unspecified) is not sent. */
    private static int metadataType(MetricType type) {
        return switch (type) {
            case UNKNOWN -> 0;
            case COUNTER -> 1;
            case GAUGE -> 2;
            case HISTOGRAM -> 3;
            case GAUGEHISTOGRAM -> 4;
            case SUMMARY -> 5;
            case INFO -> 6;
            case STATESET -> 7;
        };
    }

    private static int samplesSize(long[] timestamps, double[] values, int offset, int count) {
        int size = 0;
        for (int i = offset; i < offset + count; i++) {
            int sampleSize = sampleSize(timestamps[i], values[i]);
            size += 1 + varintSize(sampleSize) + sampleSize;
        }
        return size;
    }

    private static int sampleSize(long timestamp, double value) {
        return (Double.doubleToRawLongBits(value) == 0 ? 0 : 9) + (timestamp == 0 ? 0 : 1 + varintSize(timestamp));
    }

    private static void putSamples(Buffer b, long[] timestamps, double[] values, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            long ts = timestamps[i];
            b.put(SERIES_SAMPLES);
            b.put((byte) sampleSize(ts, values[i])); // at most 9 + 11 bytes: one varint byte
            if (bits != 0) {
                b.put(SAMPLE_VALUE);
                b.putFixed64(bits);
            }
            if (ts != 0) {
                b.put(SAMPLE_TIMESTAMP);
                b.putVarint(ts);
            }
        }
    }

    /**
     * Completes the request and returns its length in bytes; the bytes are
     * {@code array()[0 .. length)}. Calling it again returns the same length.
     */
    public int finish() {
        if (finished) {
            return length;
        }
        if (version == Version.V2) {
            symbols.writeTo(out);
            out.ensure(series.size());
            out.put(series.array(), 0, series.size());
        }
        finished = true;
        length = out.size();
        return length;
    }

    /** The buffer holding the finished request; valid until the next {@link #reset()}, never modify it. */
    public byte[] array() {
        requireFinished();
        return out.array();
    }

    /** A copy of the finished request. */
    public byte[] toByteArray() {
        requireFinished();
        return Arrays.copyOf(out.array(), length);
    }

    public int seriesCount() {
        return seriesCount;
    }

    public long sampleCount() {
        return sampleCount;
    }

    private void requireFinished() {
        if (!finished) {
            throw new IllegalStateException("call finish() before reading the request");
        }
    }

    private static byte tag(int field, int wireType) {
        return (byte) (field << 3 | wireType);
    }

    static int varintSize(int v) {
        return varintSize(v & 0xFFFFFFFFL);
    }

    /** Bytes of {@code v} as a protobuf varint; negative int64 values take ten. */
    static int varintSize(long v) {
        int n = 1;
        while ((v & ~0x7FL) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int readVarint(byte[] b, int p) {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[p++];
            result |= (x & 0x7F) << shift;
            if (x >= 0) {
                return result;
            }
        }
    }

    /** Position after the length-prefixed string starting at {@code p}. */
    private static int skipString(byte[] b, int p) {
        int len = readVarint(b, p);
        return p + varintSize(len) + len;
    }

    /** A growable byte array with protobuf primitives; callers {@link #ensure} room before writing. */
    private static final class Buffer {
        private byte[] bytes;
        private int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void clear() {
            size = 0;
        }

        int size() {
            return size;
        }

        byte[] array() {
            return bytes;
        }

        void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void put(byte b) {
            bytes[size++] = b;
        }

        void put(byte[] src, int off, int len) {
            System.arraycopy(src, off, bytes, size, len);
            size += len;
        }

        void putVarint(int v) {
            putVarint(v & 0xFFFFFFFFL);
        }

        void putVarint(long v) {
            while ((v & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((v & 0x7F) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        void putFixed64(long v) {
            for (int i = 0; i < 8; i++) {
                bytes[size++] = (byte) (v >>> (8 * i));
            }
        }
    }

    /**
     * The v2 symbol table of one request: UTF-8 strings de-duplicated by an open-addressing hash
     * table over byte ranges, so interning a label that was seen before allocates nothing.
     * Symbol 0 is always the empty string.
     */
    private static final class SymbolTable {
        private final Buffer bytes = new Buffer(16 * 1024);
        private int[] offsets = new int[1024];
        private int[] lengths = new int[1024];
        private int count;
        /** Symbol index + 1 per slot; 0 marks an empty slot. Capacity is a power of two, kept under half full. */
        private int[] slots = new int[2048];

        void clear() {
            bytes.clear();
            Arrays.fill(slots, 0);
            count = 0;
            add(new byte[0], 0, 0, slotOf(new byte[0], 0, 0));
        }

        int intern(byte[] src, int off, int len) {
            int mask = slots.length - 1;
            int slot = (int) Hashing.hash64(src, off, len) & mask;
            while (true) {
                int entry = slots[slot];
                if (entry == 0) {
                    return add(src, off, len, slot);
                }
                int symbol = entry - 1;
                if (lengths[symbol] == len
                        && Arrays.equals(bytes.array(), offsets[symbol], offsets[symbol] + len, src, off, off + len)) {
                    return symbol;
                }
                slot = (slot + 1) & mask;
            }
        }

        private int slotOf(byte[] src, int off, int len) {
            int mask = slots.length - 1;
            int slot = (int) Hashing.hash64(src, off, len) & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        private int add(byte[] src, int off, int len, int slot) {
            if (count == offsets.length) {
                offsets = Arrays.copyOf(offsets, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            bytes.ensure(len);
            offsets[count] = bytes.size();
            lengths[count] = len;
            bytes.put(src, off, len);
            slots[slot] = count + 1;
            int symbol = count++;
            if (count * 2 > slots.length) {
                rehash();
            }
            return symbol;
        }

        private void rehash() {
            slots = new int[slots.length * 2];
            for (int s = 0; s < count; s++) {
                slots[slotOf(bytes.array(), offsets[s], lengths[s])] = s + 1;
            }
        }

        void writeTo(Buffer out) {
            for (int s = 0; s < count; s++) {
                int len = lengths[s];
                out.ensure(1 + 5 + len);
                out.put(V2_SYMBOLS);
                out.putVarint(len);
                out.put(bytes.array(), offsets[s], len);
            }
        }
    }
}
