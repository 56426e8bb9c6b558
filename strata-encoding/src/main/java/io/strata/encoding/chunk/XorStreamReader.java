package io.strata.encoding.chunk;

import io.strata.encoding.BitReader;
import java.lang.foreign.MemorySegment;

/**
 * Decodes the body of an {@link ChunkFormat#XOR_V1} chunk, one sample per {@link #next()}.
 * Nothing writes that encoding since {@link ChunkFormat#DECIMAL_V1}; chunks written before are
 * still read.
 */
final class XorStreamReader {
    private final BitReader in = new BitReader();
    private int numSamples;
    private int index;
    private long timestamp;
    private long delta;
    private final XorValueReader values = new XorValueReader();
    private long bits;

    /**
     * Positions at the start of a body of {@code bodyBits} bits at {@code bodyOffset} of
     * {@code data}; offsets in errors are relative to {@code chunkStart}.
     */
    void reset(MemorySegment data, long bodyOffset, long bodyBits, int numSamples,
            long firstTimestamp, long chunkStart) {
        in.reset(data, bodyOffset, bodyBits, chunkStart);
        this.numSamples = numSamples;
        this.index = 0;
        this.timestamp = firstTimestamp;
        this.delta = 0;
        this.bits = 0;
    }

    /** Decodes the next sample; false when all {@code numSamples} have been read. */
    boolean next() {
        if (index >= numSamples) {
            return false;
        }
        if (index == 0) {
            bits = in.readBits(64);
            values.start(bits);
        } else {
            delta += TimestampDeltas.read(in);
            timestamp += delta;
            bits = values.next(in);
        }
        index++;
        return true;
    }

    long timestamp() {
        return timestamp;
    }

    long bits() {
        return bits;
    }

    BitReader input() {
        return in;
    }
}
