package io.strata.encoding.chunk;

import io.strata.encoding.ByteInput;
import io.strata.encoding.CorruptChunkException;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;

/**
 * The {@link SampleCursor} over one chunk, finished or open. Reusable through
 * {@link Chunks#cursor(MemorySegment, SampleCursor)} and {@link ChunkAppender#cursor}; allocates
 * nothing per sample.
 *
 * <p>Besides decoding, it checks what a well-formed chunk guarantees (timestamps strictly
 * increase and stay inside the header's [minTime, maxTime]) so that corrupt bytes surface as
 * {@link CorruptChunkException} rather than as out-of-order samples.
 */
final class ChunkCursor implements SampleCursor {
    private final ChunkHeader header = new ChunkHeader();
    private final ByteInput headerInput = new ByteInput();
    /** Created on first use: a cursor usually meets one or two of the three encodings. */
    private XorStreamReader xor;
    private PackedChunkReader packed;
    private DecimalStreamReader decimal;
    /** {@link ChunkFormat}'s id of the chunk being read. */
    private int encoding;
    private int numSamples;
    private int index;
    private long minTime;
    private long maxTime;
    private long timestamp;
    private double value;
    private boolean exhausted;

    /** The header of the chunk last given to {@link #resetFinished}. */
    ChunkHeader header() {
        return header;
    }

    /** Parses the chunk at offset 0 of {@code data} and positions before its first sample. */
    ChunkCursor resetFinished(MemorySegment data) {
        header.parse(data, headerInput);
        encoding = header.encoding;
        long bodyBits = (long) header.bodyLength << 3;
        switch (encoding) {
            case ChunkFormat.PACKED_V1 -> {
                if (packed == null) {
                    packed = new PackedChunkReader();
                }
                packed.reset(data, header);
            }
            case ChunkFormat.DECIMAL_V1 -> resetDecimal(data, header.bodyOffset, bodyBits, header.numSamples,
                    header.minTime);
            default -> {
                if (xor == null) {
                    xor = new XorStreamReader();
                }
                xor.reset(data, header.bodyOffset, bodyBits, header.numSamples, header.minTime, 0);
            }
        }
        return start(header.numSamples, header.minTime, header.maxTime);
    }

    /** Positions before the first sample of an open chunk's {@link ChunkFormat#DECIMAL_V1} stream. */
    ChunkCursor resetOpen(MemorySegment stream, long bits, int numSamples, long minTime, long maxTime) {
        encoding = ChunkFormat.DECIMAL_V1;
        resetDecimal(stream, 0, bits, numSamples, minTime);
        return start(numSamples, minTime, maxTime);
    }

    private void resetDecimal(MemorySegment data, long bodyOffset, long bodyBits, int numSamples, long minTime) {
        if (decimal == null) {
            decimal = new DecimalStreamReader();
        }
        decimal.reset(data, bodyOffset, bodyBits, numSamples, minTime, 0);
    }

    private ChunkCursor start(int numSamples, long minTime, long maxTime) {
        this.numSamples = numSamples;
        this.minTime = minTime;
        this.maxTime = maxTime;
        this.index = 0;
        this.exhausted = numSamples == 0;
        return this;
    }

    @Override
    public int next() {
        if (exhausted) {
            return NONE;
        }
        if (index >= numSamples) {
            exhausted = true;
            return NONE;
        }
        long previous = timestamp;
        long t;
        double v;
        switch (encoding) {
            case ChunkFormat.DECIMAL_V1 -> {
                decimal.next();
                t = decimal.timestamp();
                v = decimal.value();
            }
            case ChunkFormat.PACKED_V1 -> {
                packed.next();
                t = packed.timestamp();
                v = packed.value();
            }
            default -> {
                xor.next();
                t = xor.timestamp();
                v = Double.longBitsToDouble(xor.bits());
            }
        }
        if ((index > 0 && t <= previous) || t > maxTime || t < minTime) {
            throw new CorruptChunkException("sample " + index + " has timestamp " + t
                    + " after " + (index > 0 ? previous : minTime) + ", outside the chunk's ["
                    + minTime + ", " + maxTime + "] or not increasing",
                    reportOffset());
        }
        timestamp = t;
        value = v;
        index++;
        return FLOAT;
    }

    @Override
    public int seek(long minTimestamp) {
        if (exhausted) {
            return NONE;
        }
        if (index > 0 && timestamp >= minTimestamp) {
            return FLOAT;
        }
        if (minTimestamp > maxTime) {
            exhausted = true;
            return NONE;
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
        return value;
    }

    /** Samples decoded so far. */
    int index() {
        return index;
    }

    /** Whether the unread bits of the body (or of each bit area) are less than a byte. */
    boolean onlyPaddingLeft() {
        return switch (encoding) {
            case ChunkFormat.PACKED_V1 -> packed.timestampBitsLeft() < 8 && packed.valueBitsLeft() < 8;
            case ChunkFormat.DECIMAL_V1 -> decimal.input().bitsLeft() < 8;
            default -> xor.input().bitsLeft() < 8;
        };
    }

    private long reportOffset() {
        return switch (encoding) {
            case ChunkFormat.PACKED_V1 -> packed.reportOffset();
            case ChunkFormat.DECIMAL_V1 -> decimal.input().reportOffset();
            default -> xor.input().reportOffset();
        };
    }
}
