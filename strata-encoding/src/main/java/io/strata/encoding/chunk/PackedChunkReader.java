package io.strata.encoding.chunk;

import io.strata.encoding.BitReader;
import io.strata.encoding.ByteInput;
import io.strata.encoding.CorruptChunkException;
import java.lang.foreign.MemorySegment;

/**
 * Decodes a {@link ChunkFormat#PACKED_V1} chunk one sample at a time: the inverse of
 * {@link PackedChunkEncoder}. Parameters are validated at {@link #reset}; the bit areas are
 * bounds-checked by their {@link BitReader}s as they are read.
 */
final class PackedChunkReader {
    private final ByteInput params = new ByteInput();
    private final ByteInput exceptions = new ByteInput();
    private final BitReader timestampBits = new BitReader();
    private final BitReader valueBits = new BitReader();
    private final IntColumnReader timestampColumn = new IntColumnReader();
    private final IntColumnReader valueColumn = new IntColumnReader();
    private final XorValueReader xor = new XorValueReader();

    private int numSamples;
    private int index;
    private long minTime;
    private long maxTime;
    private int timestampMode;
    private long firstDelta;
    private long lineStep;
    private long lineRemainderStep;
    private long lineOffset;
    private long lineRemainder;
    private long delta;
    private long timestamp;

    private int valueMode;
    private int sharedTrailingZeros;
    private long firstBits;
    private int scale;
    private int transform;
    private final long[] anchors = new long[3];
    /** Order of differences of the decimal column; the running first and second differences. */
    private int order;
    private long divisor;
    private int exceptionsLeft;
    private long nextException;
    private long nextExceptionBits;
    private long lastException;
    private int decimalIndex;
    private long decimal;
    private long decimalDelta;
    private long decimalDeltaOfDelta;
    private double value;

    void reset(MemorySegment data, ChunkHeader header) {
        numSamples = header.numSamples;
        minTime = header.minTime;
        maxTime = header.maxTime;
        if (numSamples < 1) {
            throw new CorruptChunkException("packed chunk without samples", 1);
        }
        index = 0;
        params.reset(data, 0, header.crcOffset());
        params.skip(header.bodyOffset);
        readTimestampParams();
        readValueParams();
        long tsBytes = params.readUnsignedVarint("timestamp bit bytes", 0, params.remaining());
        long bitsStart = params.position();
        timestampBits.reset(data, bitsStart, tsBytes << 3, 0);
        long valueBytes = header.crcOffset() - bitsStart - tsBytes;
        valueBits.reset(data, bitsStart + tsBytes, valueBytes << 3, 0);
    }

    private void readTimestampParams() {
        long at = params.offset();
        timestampMode = params.readUnsignedByte();
        int inner = Math.max(0, numSamples - 2);
        switch (timestampMode) {
            case PackedTimestampEncoder.LINE -> {
                long span = maxTime - minTime;
                if (numSamples >= 3 && (span < 0 || span > PackedTimestampEncoder.LINE_MAX_SPAN)) {
                    throw new CorruptChunkException("line timestamps over a span of "
                            + Long.toUnsignedString(span) + " ms", at);
                }
                if (numSamples >= 2) {
                    lineStep = span / (numSamples - 1);
                    lineRemainderStep = span % (numSamples - 1);
                }
                lineOffset = 0;
                lineRemainder = 0;
                timestampColumn.readParams(params, inner);
            }
            case PackedTimestampEncoder.STEP -> {
                lineStep = params.readUnsignedVarint("timestamp step", 1,
                        PackedTimestampEncoder.LINE_MAX_SPAN);
                lineRemainderStep = 0;
                lineOffset = 0;
                lineRemainder = 0;
                timestampColumn.readParams(params, inner);
            }
            case PackedTimestampEncoder.DOD -> {
                firstDelta = params.readSignedVarint();
                delta = 0;
                timestampColumn.readParams(params, Math.max(0, numSamples - 3));
            }
            default -> throw new CorruptChunkException("unknown timestamp mode " + timestampMode, at);
        }
    }

    private void readValueParams() {
        long at = params.offset();
        valueMode = params.readUnsignedByte();
        switch (valueMode) {
            case PackedValueEncoder.CONSTANT, PackedValueEncoder.XOR -> firstBits = params.readLongLE();
            case PackedValueEncoder.DECIMAL -> readDecimalParams();
            case PackedValueEncoder.SPLIT -> {
                long tzAt = params.offset();
                sharedTrailingZeros = params.readUnsignedByte();
                if (sharedTrailingZeros > PackedValueEncoder.MANTISSA_BITS) {
                    throw new CorruptChunkException("shared mantissa trailing zeros "
                            + sharedTrailingZeros + " above " + PackedValueEncoder.MANTISSA_BITS, tzAt);
                }
                valueColumn.readParams(params, numSamples);
            }
            default -> throw new CorruptChunkException("unknown value mode " + valueMode, at);
        }
    }

    private void readDecimalParams() {
        long at = params.offset();
        scale = params.readUnsignedByte();
        if (scale > DecimalValues.MAX_SCALE && scale != PackedValueEncoder.RAW_BITS_SCALE) {
            throw new CorruptChunkException("decimal scale " + scale + " above "
                    + DecimalValues.MAX_SCALE, at);
        }
        transform = params.readUnsignedByte();
        if (transform >= PackedValueEncoder.TRANSFORMS) {
            throw new CorruptChunkException("unknown decimal transform " + transform, at + 1);
        }
        exceptionsLeft = (int) params.readUnsignedVarint("exception count", 0, numSamples);
        long exceptionsStart = params.position();
        for (int i = 0; i < exceptionsLeft; i++) {
            params.readUnsignedVarint();
            params.skip(8);
        }
        exceptions.reset(params.segment(), exceptionsStart, params.position() - exceptionsStart);
        lastException = -1;
        loadNextException();
        int decimals = numSamples - exceptionsLeft - (nextException >= 0 ? 1 : 0);
        order = PackedValueEncoder.order(transform);
        int anchorCount = Math.min(order, decimals);
        for (int i = 0; i < anchorCount; i++) {
            anchors[i] = params.readSignedVarint();
        }
        divisor = params.readUnsignedVarint("decimal divisor", 1, Long.MAX_VALUE);
        valueColumn.readParams(params, Math.max(0, decimals - anchorCount));
        decimalIndex = 0;
    }

    private void loadNextException() {
        if (exceptionsLeft == 0) {
            nextException = -1;
            return;
        }
        exceptionsLeft--;
        long gap = exceptions.readUnsignedVarint();
        nextException = lastException + 1 + gap;
        if (gap >= numSamples || nextException >= numSamples) {
            throw new CorruptChunkException("exception at sample " + Long.toUnsignedString(nextException)
                    + " of " + numSamples, exceptions.offset());
        }
        lastException = nextException;
        nextExceptionBits = exceptions.readLongLE();
    }

    /** Decodes the next sample; false when all have been read. */
    boolean next() {
        int i = index;
        if (i >= numSamples) {
            return false;
        }
        timestamp = nextTimestamp(i);
        value = nextValue(i);
        index = i + 1;
        return true;
    }

    private long nextTimestamp(int i) {
        if (i == 0) {
            return minTime;
        }
        if (i == numSamples - 1) {
            return maxTime;
        }
        if (timestampMode != PackedTimestampEncoder.DOD) {
            // Bresenham's walk along the line from minTime to maxTime: no division per sample.
            lineOffset += lineStep;
            lineRemainder += lineRemainderStep;
            if (lineRemainder >= numSamples - 1) {
                lineRemainder -= numSamples - 1;
                lineOffset++;
            }
            return minTime + lineOffset + timestampColumn.next(timestampBits);
        }
        delta = i == 1 ? firstDelta : delta + timestampColumn.next(timestampBits);
        return timestamp + delta;
    }

    private double nextValue(int i) {
        switch (valueMode) {
            case PackedValueEncoder.CONSTANT -> {
                return Double.longBitsToDouble(firstBits);
            }
            case PackedValueEncoder.XOR -> {
                if (i == 0) {
                    xor.start(firstBits);
                    return Double.longBitsToDouble(firstBits);
                }
                return Double.longBitsToDouble(xor.next(valueBits));
            }
            case PackedValueEncoder.SPLIT -> {
                long signAndExponent = valueColumn.next(valueBits);
                long mantissa = valueBits.readBits(PackedValueEncoder.MANTISSA_BITS - sharedTrailingZeros);
                return Double.longBitsToDouble((signAndExponent << PackedValueEncoder.MANTISSA_BITS)
                        | (mantissa << sharedTrailingZeros));
            }
            default -> {
                if (i == nextException) {
                    long bits = nextExceptionBits;
                    loadNextException();
                    return Double.longBitsToDouble(bits);
                }
                long integer = nextDecimal();
                return scale == PackedValueEncoder.RAW_BITS_SCALE ? Double.longBitsToDouble(integer)
                        : DecimalValues.decode(integer, scale);
            }
        }
    }

    /**
     * The next integer of the decimal column: the anchors rebuild the first {@code order}
     * values, then each coded residue is added to the highest running difference and carried
     * down to the value.
     */
    private long nextDecimal() {
        int j = decimalIndex++;
        if (order == 0) {
            decimal = valueColumn.next(valueBits) * divisor;
            return decimal;
        }
        if (j == 0) {
            decimal = anchors[0];
            return decimal;
        }
        long top = j < order ? anchors[j] : valueColumn.next(valueBits) * divisor;
        switch (order) {
            case 1 -> decimal += top;
            case 2 -> {
                decimalDelta = j == 1 ? top : decimalDelta + top;
                decimal += decimalDelta;
            }
            default -> {
                if (j == 1) {
                    decimalDelta = top;
                } else {
                    decimalDeltaOfDelta = j == 2 ? top : decimalDeltaOfDelta + top;
                    decimalDelta += decimalDeltaOfDelta;
                }
                decimal += decimalDelta;
            }
        }
        return decimal;
    }

    long timestamp() {
        return timestamp;
    }

    /** What the encoder chose, for tests that check every mode is reachable: "ts/value/...". */
    String describe() {
        String values = switch (valueMode) {
            case PackedValueEncoder.CONSTANT -> "constant";
            case PackedValueEncoder.XOR -> "xor";
            case PackedValueEncoder.SPLIT -> "split/" + valueColumn.coderName();
            default -> (scale == PackedValueEncoder.RAW_BITS_SCALE ? "rawbits" : "decimal" + scale)
                    + "/order" + order + "/" + valueColumn.coderName();
        };
        String times = switch (timestampMode) {
            case PackedTimestampEncoder.LINE -> "line";
            case PackedTimestampEncoder.STEP -> "step";
            default -> "dod";
        };
        return times + "/" + timestampColumn.coderName() + " " + values;
    }

    double value() {
        return value;
    }

    /** Bits of both bit areas not consumed, for {@link Chunks#verify}. */
    long bitsLeft() {
        return timestampBits.bitsLeft() + valueBits.bitsLeft();
    }

    long timestampBitsLeft() {
        return timestampBits.bitsLeft();
    }

    long valueBitsLeft() {
        return valueBits.bitsLeft();
    }

    long reportOffset() {
        return valueBits.reportOffset();
    }
}
