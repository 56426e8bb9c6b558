package io.strata.tsdb.head;

import io.strata.encoding.Crc32c;
import io.strata.encoding.Varints;
import io.strata.encoding.chunk.ChunkFormat;
import io.strata.encoding.chunk.Chunks;
import io.strata.storage.SampleCursor;
import io.strata.encoding.chunk.DecimalScale;
import io.strata.encoding.chunk.DecimalValueCode;
import io.strata.encoding.chunk.TimestampDeltas;

/**
 * The chunk a head series is appending to: a stream in the bit layout of
 * {@link ChunkFormat#DECIMAL_V1} ({@code docs/format/chunks.md}), delta-of-delta timestamps and
 * values as delta-of-delta integers while they are decimal (XOR otherwise), in one object and one
 * small array. On node_exporter-like data it takes half the bytes of Gorilla's XOR stream, and
 * open chunks are most of a head series' heap.
 *
 * <p>Why not {@code ChunkAppender}: that general appender spreads its state over five objects
 * (about 250 bytes before any sample); the head keeps one open chunk per active series, so that
 * overhead alone would be half the memory budget of a series, and each object is one more cache
 * miss on every append. This class holds the same state in fields and writes the same bits, and
 * {@link #toChunk()} produces a standard DECIMAL_V1 chunk that {@code Chunks} reads; a test checks
 * the two agree byte for byte.
 *
 * <p>Readers never see this object: they get a {@link #view()} taken under the series lock and
 * decode its bits in place. Guarded by the owning {@link HeadSeries}' lock.
 */
final class OpenChunk {
    /** Worst case bits of one sample: '1111' + 64 dod bits, '11' + 6 + 6 + 64 value bits (an escape is less). */
    private static final int MAX_SAMPLE_BYTES = (4 + 64 + 2 + 6 + 6 + 64 + 7) / 8 + 1;
    /** Header worst case: encoding byte, sample count, minTime, span and body length varints. */
    private static final int MAX_HEADER_BYTES = 1 + 3 + 10 + 10 + 3;
    private static final int CRC_BYTES = 4;

    private byte[] stream;
    private int bitLength;
    private int count;
    private final long minTime;
    /** The chunk must close before this time (the next block-range boundary): no division per sample. */
    private final long endTime;
    private long lastTime;
    private long lastDelta;
    /** Decimal mode: the last value's integer. Float mode: its raw bits. */
    private long lastValue;
    /** Decimal mode: the difference of the last two integers. */
    private long lastValueDelta;
    /** The decimal scale of the values, or -1 in float (XOR) mode. */
    private byte scale;
    /** The XOR window of the last '11' control; -1 until the first one. */
    private byte leading = -1;
    private byte trailing;

    /** A chunk holding its first sample, closing before {@code endTime}. */
    OpenChunk(long t, double v, long endTime) {
        stream = new byte[16];
        minTime = t;
        this.endTime = endTime;
        lastTime = t;
        writeMode(v, DecimalScale.scaleOf(v));
        count = 1;
    }

    long minTime() {
        return minTime;
    }

    long maxTime() {
        return lastTime;
    }

    int numSamples() {
        return count;
    }

    /**
     * Appends a sample whose timestamp is after {@link #maxTime()}; false, appending nothing, when
     * {@code t} reaches the chunk's end time, the chunk holds {@code maxSamples}, or one more sample
     * could take it past {@code maxBytes}.
     */
    boolean append(long t, double v, int maxSamples, int maxBytes) {
        if (t >= endTime || count >= maxSamples
                || MAX_HEADER_BYTES + byteLength() + MAX_SAMPLE_BYTES + CRC_BYTES > maxBytes) {
            return false;
        }
        long delta = t - lastTime;
        writeDeltaOfDelta(delta - lastDelta);
        lastDelta = delta;
        lastTime = t;
        writeValue(v);
        count++;
        return true;
    }

    private void writeValue(double v) {
        if (scale < 0) {
            long bits = Double.doubleToRawLongBits(v);
            writeXor(bits ^ lastValue);
            lastValue = bits;
        } else if (DecimalScale.fits(v, scale)) {
            long n = DecimalScale.scaled(v, scale);
            long delta = n - lastValue;
            writeValueDeltaOfDelta(delta - lastValueDelta);
            lastValue = n;
            lastValueDelta = delta;
        } else {
            writeBits((1 << DecimalValueCode.ESCAPE_ONES) - 1, DecimalValueCode.ESCAPE_ONES);
            writeMode(v, DecimalScale.scaleOf(v));
        }
    }

    /** A mode code and the raw first value of that mode: the scaled integer, or the double's bits. */
    private void writeMode(double v, int k) {
        if (k < 0) {
            lastValue = Double.doubleToRawLongBits(v);
            writeBits(DecimalValueCode.FLOAT_MODE, DecimalValueCode.MODE_BITS);
            leading = -1;
            trailing = 0;
        } else {
            lastValue = DecimalScale.scaled(v, k);
            lastValueDelta = 0;
            writeBits(k, DecimalValueCode.MODE_BITS);
        }
        writeBits(lastValue, 64);
        scale = (byte) k;
    }

    private void writeValueDeltaOfDelta(long dd) {
        int ones = DecimalValueCode.bucketOf(dd);
        writeBits(((1L << ones) - 1) << 1, ones + 1); // 'ones' one bits, then a zero
        if (ones > 0) {
            writeBits(dd, DecimalValueCode.payloadBits(ones));
        }
    }

    private void writeDeltaOfDelta(long dod) {
        if (dod == 0) {
            writeBits(0, 1);
        } else if (TimestampDeltas.fitsSigned(dod, TimestampDeltas.BUCKET_1)) {
            writeBits(0b10, 2);
            writeBits(dod, TimestampDeltas.BUCKET_1);
        } else if (TimestampDeltas.fitsSigned(dod, TimestampDeltas.BUCKET_2)) {
            writeBits(0b110, 3);
            writeBits(dod, TimestampDeltas.BUCKET_2);
        } else if (TimestampDeltas.fitsSigned(dod, TimestampDeltas.BUCKET_3)) {
            writeBits(0b1110, 4);
            writeBits(dod, TimestampDeltas.BUCKET_3);
        } else {
            writeBits(0b1111, 4);
            writeBits(dod, 64);
        }
    }

    private void writeXor(long xor) {
        if (xor == 0) {
            writeBits(0, 1);
            return;
        }
        int newLeading = Long.numberOfLeadingZeros(xor);
        int newTrailing = Long.numberOfTrailingZeros(xor);
        int newLength = 64 - newLeading - newTrailing;
        int windowLength = 64 - leading - trailing;
        // Reuse the window when it holds the bits and costs no more than a new window header.
        if (leading >= 0 && newLeading >= leading && newTrailing >= trailing && windowLength <= newLength + 12) {
            writeBits(0b10, 2);
            writeBits(xor >>> trailing, windowLength);
        } else {
            leading = (byte) newLeading;
            trailing = (byte) newTrailing;
            writeBits(0b11, 2);
            writeBits(newLeading, 6);
            writeBits(newLength - 1, 6);
            writeBits(xor >>> newTrailing, newLength);
        }
    }


    /** Appends the low {@code n} bits of {@code value}, most significant first. */
    private void writeBits(long value, int n) {
        int needed = (bitLength + n + 7) >>> 3;
        if (needed > stream.length) {
            // Grow by a quarter: open chunks grow a few bytes at a time, and slack is per series.
            stream = java.util.Arrays.copyOf(stream, Math.max(needed, stream.length + (stream.length >> 2) + 8));
        }
        long bits = n == 64 ? value : value & ((1L << n) - 1);
        int remaining = n;
        while (remaining > 0) {
            int index = bitLength >>> 3;
            int free = 8 - (bitLength & 7);
            int take = Math.min(free, remaining);
            int part = (int) (bits >>> (remaining - take)) & ((1 << take) - 1);
            stream[index] |= (byte) (part << (free - take));
            remaining -= take;
            bitLength += take;
        }
    }

    private int byteLength() {
        return (bitLength + 7) >>> 3;
    }

    /**
     * The samples so far, for a reader to decode in place after the series lock is released:
     * appends only set bits after {@link #bitLength} and move to a new array when they grow, so
     * the bits a view covers never change. Call under the series lock.
     */
    OpenStream view() {
        return new OpenStream(stream, bitLength, count, minTime, lastTime);
    }

    /** A reader's view of an open chunk: the first {@code bits} bits of {@code stream}. */
    record OpenStream(byte[] stream, long bits, int count, long minTime, long maxTime) {
        SampleCursor cursor(SampleCursor reuse) {
            return Chunks.openStreamCursor(stream, bits, count, minTime, maxTime, reuse);
        }
    }

    /** A finished DECIMAL_V1 chunk of the samples so far: header, stream, CRC32C. A copy. */
    byte[] toChunk() {
        int body = byteLength();
        long span = lastTime - minTime;
        int header = 1 + Varints.sizeOfUnsigned(count) + Varints.sizeOfSigned(minTime) + Varints.sizeOfUnsigned(span)
                + Varints.sizeOfUnsigned(body);
        byte[] out = new byte[header + body + CRC_BYTES];
        int p = 0;
        out[p++] = (byte) ChunkFormat.DECIMAL_V1;
        p = Varints.writeUnsigned(out, p, count);
        p = Varints.writeSigned(out, p, minTime);
        p = Varints.writeUnsigned(out, p, span);
        p = Varints.writeUnsigned(out, p, body);
        System.arraycopy(stream, 0, out, p, body);
        p += body;
        int crc = Crc32c.of(out, 0, p);
        out[p] = (byte) crc;
        out[p + 1] = (byte) (crc >>> 8);
        out[p + 2] = (byte) (crc >>> 16);
        out[p + 3] = (byte) (crc >>> 24);
        return out;
    }

    /** Heap bytes of this object and its stream. */
    long retainedBytes() {
        return 88 + 16 + stream.length;
    }
}
