package io.strata.encoding.prometheus;

import io.strata.encoding.BitReader;
import io.strata.encoding.BitWriter;
import io.strata.encoding.CorruptChunkException;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;

/**
 * Builds Prometheus's XOR chunks ({@code chunkenc.EncXOR}) byte for byte, for remote read's
 * {@code STREAMED_XOR_CHUNKS} responses, which a real Prometheus decodes with its own code.
 * The layout (see {@code docs/format/chunks.md}, section "Prometheus XOR"):
 * <pre>
 * num_samples uint16 BE │ t0 varint │ v0 64 bits │ t1-t0 uvarint │ v1 xor │ (dod, xor)... │ pad
 * </pre>
 * Delta-of-delta buckets: {@code '0'}, {@code '10'}+14, {@code '110'}+17, {@code '1110'}+20,
 * {@code '1111'}+64 bits, where an n-bit bucket holds {@code [-(2^(n-1) - 1), 2^(n-1)]}. Values:
 * {@code '0'} unchanged, {@code '10'} + bits in the previous window, {@code '11'} + leading
 * zeros (5 bits, clamped to 31) + meaningful bits (6 bits, 64 written as 0) + bits.
 *
 * <p>Append-only, not thread-safe, reusable after {@link #reset()}. {@link #cursor(byte[])}
 * decodes such chunks (for tests and for reading chunks from remote Prometheus peers).
 */
public final class PrometheusXorChunk {
    /** The count is a uint16 in the header. */
    public static final int MAX_SAMPLES = 65_535;
    private static final int[] DOD_BUCKET_BITS = {14, 17, 20};
    private static final int LEADING_BITS = 5;
    private static final int MAX_LEADING = 31;
    private static final int LENGTH_BITS = 6;
    private static final int NO_WINDOW = 0xff;

    private final BitWriter stream = new BitWriter(128);
    private int count;
    private long minTime;
    private long lastTime;
    private long lastDelta;
    private long lastBits;
    private int leading = NO_WINDOW;
    private int trailing;

    /**
     * Appends a sample; timestamps must strictly increase.
     *
     * @throws IllegalArgumentException when {@code timestamp} does not follow the last one
     * @throws IllegalStateException when the chunk already holds {@link #MAX_SAMPLES} samples
     */
    public void append(long timestamp, double value) {
        if (count > 0 && timestamp <= lastTime) {
            throw new IllegalArgumentException("timestamp " + timestamp
                    + " does not follow the chunk's last timestamp " + lastTime);
        }
        if (count == MAX_SAMPLES) {
            throw new IllegalStateException("a Prometheus XOR chunk holds at most " + MAX_SAMPLES
                    + " samples; start a new chunk");
        }
        long bits = Double.doubleToRawLongBits(value);
        if (count == 0) {
            minTime = timestamp;
            writeByteVarint((timestamp << 1) ^ (timestamp >> 63));
            stream.writeBits(bits, 64);
        } else if (count == 1) {
            lastDelta = timestamp - lastTime;
            writeByteVarint(lastDelta);
            writeValue(bits);
        } else {
            long delta = timestamp - lastTime;
            writeDeltaOfDelta(delta - lastDelta);
            lastDelta = delta;
            writeValue(bits);
        }
        lastTime = timestamp;
        lastBits = bits;
        count++;
    }

    public int numSamples() {
        return count;
    }

    /** First timestamp; undefined when empty. */
    public long minTime() {
        return minTime;
    }

    /** Last timestamp; undefined when empty. */
    public long maxTime() {
        return lastTime;
    }

    /** Bytes {@link #bytes()} returns now. */
    public int sizeInBytes() {
        return 2 + stream.byteLength();
    }

    /** The chunk as Prometheus stores and streams it: the count, then the bit stream. */
    public byte[] bytes() {
        byte[] out = new byte[sizeInBytes()];
        out[0] = (byte) (count >>> 8);
        out[1] = (byte) count;
        System.arraycopy(stream.buffer(), 0, out, 2, stream.byteLength());
        return out;
    }

    public void reset() {
        stream.reset();
        count = 0;
        minTime = 0;
        lastTime = 0;
        lastDelta = 0;
        lastBits = 0;
        leading = NO_WINDOW;
        trailing = 0;
    }

    /** Writes a Go {@code binary.PutUvarint} through the bit stream (byte-aligned here). */
    private void writeByteVarint(long v) {
        while ((v & ~0x7FL) != 0) {
            stream.writeBits((v & 0x7F) | 0x80, 8);
            v >>>= 7;
        }
        stream.writeBits(v, 8);
    }

    private void writeDeltaOfDelta(long dod) {
        if (dod == 0) {
            stream.writeBit(false);
            return;
        }
        for (int i = 0; i < DOD_BUCKET_BITS.length; i++) {
            int size = DOD_BUCKET_BITS[i];
            if (inBucket(dod, size)) {
                // i + 1 ones then a zero: '10', '110', '1110'.
                stream.writeBits((1L << (i + 2)) - 2, i + 2);
                stream.writeBits(dod, size);
                return;
            }
        }
        stream.writeBits(0b1111, 4);
        stream.writeBits(dod, 64);
    }

    /** Prometheus's asymmetric range of an n-bit bucket: {@code [-(2^(n-1) - 1), 2^(n-1)]}. */
    static boolean inBucket(long v, int bits) {
        long half = 1L << (bits - 1);
        return v >= -(half - 1) && v <= half;
    }

    private void writeValue(long bits) {
        long xor = bits ^ lastBits;
        if (xor == 0) {
            stream.writeBit(false);
            return;
        }
        stream.writeBit(true);
        int newLeading = Math.min(Long.numberOfLeadingZeros(xor), MAX_LEADING);
        int newTrailing = Long.numberOfTrailingZeros(xor);
        if (leading != NO_WINDOW && newLeading >= leading && newTrailing >= trailing) {
            stream.writeBit(false);
            stream.writeBits(xor >>> trailing, 64 - leading - trailing);
        } else {
            leading = newLeading;
            trailing = newTrailing;
            int length = 64 - newLeading - newTrailing;
            stream.writeBit(true);
            stream.writeBits(newLeading, LEADING_BITS);
            // 64 meaningful bits do not fit 6 bits; 0 can never occur, so it stands for 64.
            stream.writeBits(length == 64 ? 0 : length, LENGTH_BITS);
            stream.writeBits(xor >>> newTrailing, length);
        }
    }

    /**
     * A cursor over a Prometheus XOR chunk. Bounds-checked: corrupt bytes throw
     * {@link CorruptChunkException}. Accepts samples in any order the stream describes, as
     * Prometheus does, but stops with an exception on non-increasing timestamps because a
     * {@link SampleCursor} promises increasing ones.
     */
    public static SampleCursor cursor(byte[] chunk) {
        return new Reader(MemorySegment.ofArray(chunk));
    }

    private static final class Reader implements SampleCursor {
        private final BitReader in = new BitReader();
        private final int total;
        private int read;
        private long timestamp;
        private long delta;
        private long bits;
        private int leading;
        private int trailing;
        private boolean exhausted;

        Reader(MemorySegment chunk) {
            if (chunk.byteSize() < 2) {
                throw new CorruptChunkException("Prometheus XOR chunk of " + chunk.byteSize()
                        + " bytes has no sample count", 0);
            }
            total = ((chunk.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 0) & 0xFF) << 8)
                    | (chunk.get(java.lang.foreign.ValueLayout.JAVA_BYTE, 1) & 0xFF);
            in.reset(chunk, 2, (chunk.byteSize() - 2) << 3, 0);
        }

        @Override
        public int next() {
            if (exhausted || read == total) {
                exhausted = true;
                return NONE;
            }
            long previous = timestamp;
            if (read == 0) {
                long zigzag = readByteVarint();
                timestamp = (zigzag >>> 1) ^ -(zigzag & 1);
                bits = in.readBits(64);
            } else {
                if (read == 1) {
                    delta = readByteVarint();
                } else {
                    delta += readDeltaOfDelta();
                }
                timestamp += delta;
                readValue();
                if (timestamp <= previous) {
                    throw new CorruptChunkException("timestamp " + timestamp + " after "
                            + previous + " in sample " + read, in.reportOffset());
                }
            }
            read++;
            return FLOAT;
        }

        private long readByteVarint() {
            long result = 0;
            for (int shift = 0; shift < 70; shift += 7) {
                long b = in.readBits(8);
                result |= (b & 0x7F) << shift;
                if (b < 0x80) {
                    return result;
                }
            }
            throw new CorruptChunkException("varint longer than 10 bytes", in.reportOffset());
        }

        private long readDeltaOfDelta() {
            int ones = in.readUnaryOnes(4);
            if (ones == 0) {
                return 0;
            }
            if (ones == 4) {
                return in.readBits(64);
            }
            int size = DOD_BUCKET_BITS[ones - 1];
            long raw = in.readBits(size);
            return raw > (1L << (size - 1)) ? raw - (1L << size) : raw;
        }

        private void readValue() {
            if (in.readBit() == 0) {
                return;
            }
            if (in.readBit() == 1) {
                leading = (int) in.readBits(LEADING_BITS);
                int length = (int) in.readBits(LENGTH_BITS);
                if (length == 0) {
                    length = 64;
                }
                if (leading + length > 64) {
                    throw new CorruptChunkException(length + " meaningful bits after " + leading
                            + " leading zeros exceed 64", in.reportOffset());
                }
                trailing = 64 - leading - length;
            }
            bits ^= in.readBits(64 - leading - trailing) << trailing;
        }

        @Override
        public int seek(long minTimestamp) {
            if (!exhausted && read > 0 && timestamp >= minTimestamp) {
                return FLOAT;
            }
            while (next() == FLOAT) {
                if (timestamp >= minTimestamp) {
                    return FLOAT;
                }
            }
            return NONE;
        }

        @Override
        public long timestamp() {
            return timestamp;
        }

        @Override
        public double value() {
            return Double.longBitsToDouble(bits);
        }
    }
}
