package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;
import io.strata.encoding.ByteSink;
import io.strata.encoding.Varints;

/**
 * Encodes a closed chunk as {@link ChunkFormat#PACKED_V1}: with every sample known, each column
 * gets the encoding and parameters that fit it best (see {@link PackedTimestampEncoder} and
 * {@link PackedValueEncoder}). Body layout:
 * <pre>
 * timestamp mode + parameters │ value mode + parameters │ uvarint timestamp-bit bytes │
 * timestamp bits │ value bits
 * </pre>
 * One instance per finishing thread; it keeps scratch arrays between calls.
 */
final class PackedChunkEncoder {
    private final ColumnScratch scratch = new ColumnScratch();
    private final PackedTimestampEncoder timestamps = new PackedTimestampEncoder(scratch);
    private final PackedValueEncoder values = new PackedValueEncoder(scratch);
    private final ByteSink params = new ByteSink(64);
    private final BitWriter timestampBits = new BitWriter(64);
    private final BitWriter valueBits = new BitWriter(256);

    /** Encodes {@code n >= 1} samples with strictly increasing timestamps. */
    byte[] encode(long[] ts, double[] vs, int n) {
        return encode(ts, vs, n, false);
    }

    /** {@link #encode}, with the value column restricted to XOR when {@code xorValues} (tests). */
    byte[] encode(long[] ts, double[] vs, int n, boolean xorValues) {
        if (n < 1) {
            throw new IllegalArgumentException("a packed chunk needs at least one sample, got " + n);
        }
        timestamps.choose(ts, n);
        values.choose(vs, n, xorValues);
        params.reset();
        timestampBits.reset();
        valueBits.reset();
        timestamps.write(params, timestampBits);
        values.write(params, valueBits);
        int tsBytes = timestampBits.byteLength();
        int body = params.length() + Varints.sizeOfUnsigned(tsBytes) + tsBytes + valueBits.byteLength();
        long minTime = ts[0];
        long maxTime = ts[n - 1];
        int headerSize = ChunkHeader.size(n, minTime, maxTime, body);
        byte[] chunk = new byte[headerSize + body + ChunkFormat.CRC_BYTES];
        int pos = ChunkHeader.write(chunk, 0, ChunkFormat.PACKED_V1, n, minTime, maxTime, body);
        System.arraycopy(params.buffer(), 0, chunk, pos, params.length());
        pos += params.length();
        pos = Varints.writeUnsigned(chunk, pos, tsBytes);
        System.arraycopy(timestampBits.buffer(), 0, chunk, pos, tsBytes);
        pos += tsBytes;
        System.arraycopy(valueBits.buffer(), 0, chunk, pos, valueBits.byteLength());
        pos += valueBits.byteLength();
        ChunkHeader.writeCrc(chunk, pos);
        return chunk;
    }
}
