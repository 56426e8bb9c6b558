package io.strata.tsdb.wal;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Encodes the records the head writes to the WAL. Each record starts with its type byte; the
 * layouts are in docs/format/wal.md. Read them back with {@link WalRecordDecoder}.
 *
 * <p>The encoders take the caller's primitive arrays and a buffer to reuse, and return the buffer
 * holding the record (position 0, limit = record size, little-endian): {@code reuse} itself when it
 * is a heap buffer large enough, else a new one the caller should keep for next time. Nothing is
 * allocated per sample. Any {@code long} ref or timestamp and any {@code double} (NaN payloads
 * such as Prometheus's stale marker included) round-trip bit for bit.
 */
public final class WalRecords {
    /** {@code (ref, labels)} pairs of series created in the head. */
    public static final byte SERIES = 1;
    /** {@code (ref, timestamp, value)} float samples. */
    public static final byte SAMPLES = 2;
    /** {@code (ref, minTime, maxTime)} deleted ranges. */
    public static final byte TOMBSTONES = 3;
    /** {@code (metric family, type, help, unit)} metadata. */
    public static final byte METADATA = 4;

    // Upper bounds used to size the buffer once per record, never per entry.
    static final int MAX_VARINT64_BYTES = 10;
    static final int MAX_VARINT32_BYTES = 5;

    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private WalRecords() {}

    /** The type byte of an encoded record, one of the constants above (or an unknown value). */
    public static byte type(ByteBuffer record) {
        return record.get(record.position());
    }

    /** A readable name of a record type, for messages. */
    public static String typeName(byte type) {
        return switch (type) {
            case SERIES -> "series";
            case SAMPLES -> "samples";
            case TOMBSTONES -> "tombstones";
            case METADATA -> "metadata";
            default -> "unknown(" + type + ")";
        };
    }

    public static ByteBuffer encodeSeries(long[] refs, Labels[] labels, int count, ByteBuffer reuse) {
        checkCount(count, refs.length, labels.length);
        long bound = 1 + MAX_VARINT32_BYTES + 8;
        for (int i = 0; i < count; i++) {
            bound += MAX_VARINT64_BYTES + MAX_VARINT32_BYTES + labels[i].packedBytes().length;
        }
        ByteBuffer out = bufferFor(bound, reuse);
        byte[] a = out.array();
        int base = out.arrayOffset();
        int p = base;
        a[p++] = SERIES;
        p = putUvarint(a, p, count);
        if (count > 0) {
            long firstRef = refs[0];
            p = putLongLe(a, p, firstRef);
            for (int i = 0; i < count; i++) {
                p = putUvarint(a, p, zigzag(refs[i] - firstRef));
                byte[] packed = labels[i].packedBytes();
                p = putUvarint(a, p, packed.length);
                System.arraycopy(packed, 0, a, p, packed.length);
                p += packed.length;
            }
        }
        return out.limit(p - base);
    }

    public static ByteBuffer encodeSamples(long[] refs, long[] timestamps, double[] values, int count,
            ByteBuffer reuse) {
        checkCount(count, refs.length, timestamps.length, values.length);
        long bound = 1 + MAX_VARINT32_BYTES + 16 + (long) count * (2 * MAX_VARINT64_BYTES + 8);
        ByteBuffer out = bufferFor(bound, reuse);
        byte[] a = out.array();
        int base = out.arrayOffset();
        int p = base;
        a[p++] = SAMPLES;
        p = putUvarint(a, p, count);
        if (count > 0) {
            long firstRef = refs[0];
            long firstTs = timestamps[0];
            p = putLongLe(a, p, firstRef);
            p = putLongLe(a, p, firstTs);
            for (int i = 0; i < count; i++) {
                p = putUvarint(a, p, zigzag(refs[i] - firstRef));
                p = putUvarint(a, p, zigzag(timestamps[i] - firstTs));
                p = putLongLe(a, p, Double.doubleToRawLongBits(values[i]));
            }
        }
        return out.limit(p - base);
    }

    public static ByteBuffer encodeTombstones(long[] refs, long[] minTimes, long[] maxTimes, int count,
            ByteBuffer reuse) {
        checkCount(count, refs.length, minTimes.length, maxTimes.length);
        long bound = 1 + MAX_VARINT32_BYTES + (long) count * 3 * MAX_VARINT64_BYTES;
        ByteBuffer out = bufferFor(bound, reuse);
        byte[] a = out.array();
        int base = out.arrayOffset();
        int p = base;
        a[p++] = TOMBSTONES;
        p = putUvarint(a, p, count);
        for (int i = 0; i < count; i++) {
            p = putUvarint(a, p, zigzag(refs[i]));
            p = putUvarint(a, p, zigzag(minTimes[i]));
            p = putUvarint(a, p, zigzag(maxTimes[i] - minTimes[i]));
        }
        return out.limit(p - base);
    }

    public static ByteBuffer encodeMetadata(String[] metricFamilies, MetricMetadata[] metadata, int count,
            ByteBuffer reuse) {
        checkCount(count, metricFamilies.length, metadata.length);
        // Metadata is rare (once per family and change), so converting strings here is fine.
        byte[][] strings = new byte[count * 3][];
        long bound = 1 + MAX_VARINT32_BYTES;
        for (int i = 0; i < count; i++) {
            strings[3 * i] = metricFamilies[i].getBytes(StandardCharsets.UTF_8);
            strings[3 * i + 1] = metadata[i].help().getBytes(StandardCharsets.UTF_8);
            strings[3 * i + 2] = metadata[i].unit().getBytes(StandardCharsets.UTF_8);
            bound += 1 + 3L * MAX_VARINT32_BYTES + strings[3 * i].length + strings[3 * i + 1].length
                    + strings[3 * i + 2].length;
        }
        ByteBuffer out = bufferFor(bound, reuse);
        byte[] a = out.array();
        int base = out.arrayOffset();
        int p = base;
        a[p++] = METADATA;
        p = putUvarint(a, p, count);
        for (int i = 0; i < count; i++) {
            p = putBytes(a, p, strings[3 * i]);
            a[p++] = metricTypeCode(metadata[i].type());
            p = putBytes(a, p, strings[3 * i + 1]);
            p = putBytes(a, p, strings[3 * i + 2]);
        }
        return out.limit(p - base);
    }

    /** The stable on-disk code of a metric type; never the enum ordinal, which may be reordered. */
    static byte metricTypeCode(MetricType type) {
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

    /** The metric type of an on-disk code, or {@code null} for an unknown code. */
    static MetricType metricTypeOf(byte code) {
        return switch (code) {
            case 0 -> MetricType.UNKNOWN;
            case 1 -> MetricType.COUNTER;
            case 2 -> MetricType.GAUGE;
            case 3 -> MetricType.HISTOGRAM;
            case 4 -> MetricType.GAUGEHISTOGRAM;
            case 5 -> MetricType.SUMMARY;
            case 6 -> MetricType.INFO;
            case 7 -> MetricType.STATESET;
            default -> null;
        };
    }

    private static void checkCount(int count, int... arrayLengths) {
        for (int length : arrayLengths) {
            if (count < 0 || count > length) {
                throw new IllegalArgumentException(
                        "record entry count " + count + " is negative or exceeds an array of length " + length);
            }
        }
    }

    private static ByteBuffer bufferFor(long bound, ByteBuffer reuse) {
        if (bound > WalFormat.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("WAL record of up to " + bound + " bytes exceeds the limit of "
                    + WalFormat.MAX_RECORD_BYTES + " bytes; split the batch");
        }
        if (reuse != null && reuse.hasArray() && !reuse.isReadOnly() && reuse.capacity() >= bound) {
            return reuse.clear().order(ByteOrder.LITTLE_ENDIAN);
        }
        return ByteBuffer.allocate((int) bound).order(ByteOrder.LITTLE_ENDIAN);
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static int putUvarint(byte[] a, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            a[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        a[p++] = (byte) v;
        return p;
    }

    private static int putLongLe(byte[] a, int p, long v) {
        LONG_LE.set(a, p, v);
        return p + 8;
    }

    private static int putBytes(byte[] a, int p, byte[] bytes) {
        p = putUvarint(a, p, bytes.length);
        System.arraycopy(bytes, 0, a, p, bytes.length);
        return p + bytes.length;
    }
}
