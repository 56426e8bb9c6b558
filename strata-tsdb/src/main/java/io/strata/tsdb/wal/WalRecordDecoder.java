package io.strata.tsdb.wal;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Decodes records written by {@link WalRecords} into arrays it reuses from record to record, and
 * hands them to a {@link WalRecordVisitor}. Every length and count is checked against the bytes
 * present, so damaged input yields a {@link MalformedWalRecordException}, never an unchecked
 * exception or a huge allocation. One decoder serves one thread.
 */
public final class WalRecordDecoder {
    // Smallest encoded size of one entry, used to reject counts the record cannot hold before
    // growing any array: samples are two 1-byte varints and a double, series a 1-byte ref delta
    // and an empty label set, tombstones three 1-byte varints, metadata three empty strings and a type.
    private static final int MIN_SAMPLE_BYTES = 10;
    private static final int MIN_SERIES_BYTES = 2;
    private static final int MIN_TOMBSTONE_BYTES = 3;
    private static final int MIN_METADATA_BYTES = 4;

    private long[] refs = new long[0];
    private long[] timestamps = new long[0];
    private double[] values = new double[0];
    private long[] maxTimes = new long[0];
    private Labels[] labels = new Labels[0];

    // The record being decoded; set by decode(), valid only during it.
    private ByteBuffer in;
    private int start;
    private int pos;
    private int limit;

    /**
     * Decodes the record in {@code record}'s bytes from its position to its limit (neither is
     * changed) and calls the visitor method of its type once (metadata: once per entry).
     */
    public void decode(ByteBuffer record, WalRecordVisitor visitor) throws MalformedWalRecordException {
        in = record.order() == ByteOrder.LITTLE_ENDIAN ? record : record.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        start = record.position();
        pos = start;
        limit = record.limit();
        try {
            if (pos >= limit) {
                throw malformed("empty record");
            }
            byte type = in.get(pos++);
            switch (type) {
                case WalRecords.SERIES -> decodeSeries(visitor);
                case WalRecords.SAMPLES -> decodeSamples(visitor);
                case WalRecords.TOMBSTONES -> decodeTombstones(visitor);
                case WalRecords.METADATA -> decodeMetadata(visitor);
                default -> throw malformed("unknown record type " + type
                        + " (written by a newer Strata?); this version knows types 1 to 4");
            }
            if (pos != limit) {
                throw malformed((limit - pos) + " unexpected bytes after the last entry");
            }
        } finally {
            in = null;
        }
    }

    private void decodeSeries(WalRecordVisitor visitor) throws MalformedWalRecordException {
        int count = readCount(MIN_SERIES_BYTES);
        refs = grow(refs, count);
        labels = grow(labels, count);
        if (count > 0) {
            long firstRef = readLongLe();
            for (int i = 0; i < count; i++) {
                refs[i] = firstRef + unzigzag(readUvarint());
                int length = readLength();
                byte[] packed = new byte[length];
                in.get(pos, packed);
                pos += length;
                checkPackedLabels(packed);
                labels[i] = Labels.wrapPackedUnchecked(packed);
            }
        }
        visitor.series(refs, labels, count);
    }

    private void decodeSamples(WalRecordVisitor visitor) throws MalformedWalRecordException {
        int count = readCount(MIN_SAMPLE_BYTES);
        refs = grow(refs, count);
        timestamps = grow(timestamps, count);
        values = grow(values, count);
        if (count > 0) {
            long firstRef = readLongLe();
            long firstTs = readLongLe();
            for (int i = 0; i < count; i++) {
                refs[i] = firstRef + unzigzag(readUvarint());
                timestamps[i] = firstTs + unzigzag(readUvarint());
                values[i] = Double.longBitsToDouble(readLongLe());
            }
        }
        visitor.samples(refs, timestamps, values, count);
    }

    private void decodeTombstones(WalRecordVisitor visitor) throws MalformedWalRecordException {
        int count = readCount(MIN_TOMBSTONE_BYTES);
        refs = grow(refs, count);
        timestamps = grow(timestamps, count);
        maxTimes = grow(maxTimes, count);
        for (int i = 0; i < count; i++) {
            refs[i] = unzigzag(readUvarint());
            timestamps[i] = unzigzag(readUvarint());
            maxTimes[i] = timestamps[i] + unzigzag(readUvarint());
        }
        visitor.tombstones(refs, timestamps, maxTimes, count);
    }

    private void decodeMetadata(WalRecordVisitor visitor) throws MalformedWalRecordException {
        int count = readCount(MIN_METADATA_BYTES);
        for (int i = 0; i < count; i++) {
            String family = readString();
            need(1);
            byte code = in.get(pos++);
            MetricType type = WalRecords.metricTypeOf(code);
            if (type == null) {
                throw malformed("unknown metric type code " + code);
            }
            String help = readString();
            String unit = readString();
            visitor.metadata(family, new MetricMetadata(type, help, unit));
        }
    }

    private int readCount(int minEntryBytes) throws MalformedWalRecordException {
        long count = readUvarint();
        if (count > (limit - pos) / minEntryBytes) {
            throw malformed("entry count " + count + " cannot fit in the " + (limit - pos) + " remaining bytes");
        }
        return (int) count;
    }

    private int readLength() throws MalformedWalRecordException {
        long length = readUvarint();
        if (length > limit - pos) {
            throw malformed("length " + length + " exceeds the " + (limit - pos) + " remaining bytes");
        }
        return (int) length;
    }

    private String readString() throws MalformedWalRecordException {
        int length = readLength();
        byte[] bytes = new byte[length];
        in.get(pos, bytes);
        pos += length;
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private long readLongLe() throws MalformedWalRecordException {
        need(8);
        long v = in.getLong(pos);
        pos += 8;
        return v;
    }

    private long readUvarint() throws MalformedWalRecordException {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            need(1);
            byte b = in.get(pos++);
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw malformed("varint longer than 10 bytes");
    }

    private void need(int bytes) throws MalformedWalRecordException {
        if (limit - pos < bytes) {
            throw malformed("record ends inside a field: " + bytes + " bytes needed, " + (limit - pos) + " left");
        }
    }

    /**
     * Labels' accessors trust their packed bytes, so a record that passed its checksum but was
     * written wrong must still not reach them: check that the bytes are whole name/value pairs of
     * canonical (shortest) varint lengths, as {@link Labels} reads them.
     */
    private void checkPackedLabels(byte[] packed) throws MalformedWalRecordException {
        int p = 0;
        int strings = 0;
        while (p < packed.length) {
            int length = 0;
            int shift = 0;
            int b;
            int start = p;
            do {
                if (p >= packed.length || shift > 28) {
                    throw malformed("label bytes hold a truncated or overlong length varint");
                }
                b = packed[p++];
                length |= (b & 0x7F) << shift;
                shift += 7;
            } while (b < 0);
            if (length < 0 || (p - start > 1 && b == 0) || length > packed.length - p) {
                throw malformed("label bytes hold an invalid string length " + length);
            }
            p += length;
            strings++;
        }
        if (strings % 2 != 0) {
            throw malformed("label bytes hold a name without a value");
        }
    }

    private static long[] grow(long[] array, int count) {
        return array.length >= count ? array : new long[newCapacity(array.length, count)];
    }

    private static double[] grow(double[] array, int count) {
        return array.length >= count ? array : new double[newCapacity(array.length, count)];
    }

    private static Labels[] grow(Labels[] array, int count) {
        return array.length >= count ? array : new Labels[newCapacity(array.length, count)];
    }

    private static int newCapacity(int current, int needed) {
        return (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, current * 2L));
    }

    private static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }

    private MalformedWalRecordException malformed(String problem) {
        return new MalformedWalRecordException(problem + " at byte " + (pos - start) + " of the record");
    }
}
