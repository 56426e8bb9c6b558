package io.strata.encoding.chunk;

import io.strata.encoding.BitReader;
import java.lang.foreign.MemorySegment;

/** Decodes the body written by {@link DecimalStreamWriter}, one sample per {@link #next()}. */
final class DecimalStreamReader {
    private final BitReader in = new BitReader();
    private final DecimalValueReader values = new DecimalValueReader();
    private int numSamples;
    private int index;
    private long timestamp;
    private long delta;
    private double value;

    /**
     * Positions at the start of a body of {@code bodyBits} bits at {@code bodyOffset} of
     * {@code data}; offsets in errors are relative to {@code chunkStart}.
     */
    void reset(MemorySegment data, long bodyOffset, long bodyBits, int numSamples, long firstTimestamp,
            long chunkStart) {
        in.reset(data, bodyOffset, bodyBits, chunkStart);
        this.numSamples = numSamples;
        this.index = 0;
        this.timestamp = firstTimestamp;
        this.delta = 0;
    }

    /** Decodes the next sample; false when all {@code numSamples} have been read. */
    boolean next() {
        if (index >= numSamples) {
            return false;
        }
        if (index == 0) {
            value = values.start(in);
        } else {
            delta += TimestampDeltas.read(in);
            timestamp += delta;
            value = values.next(in);
        }
        index++;
        return true;
    }

    long timestamp() {
        return timestamp;
    }

    double value() {
        return value;
    }

    BitReader input() {
        return in;
    }
}
