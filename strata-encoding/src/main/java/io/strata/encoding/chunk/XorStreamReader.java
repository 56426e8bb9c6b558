package io.strata.encoding.chunk;

import io.strata.encoding.BitReader;
import io.strata.encoding.CorruptChunkException;
import java.lang.foreign.MemorySegment;

/** Decodes the body written by {@link XorStreamWriter}, one sample per {@link #next()}. */
final class XorStreamReader {
    private final BitReader in = new BitReader();
    private int numSamples;
    private int index;
    private long timestamp;
    private long delta;
    private long bits;
    private int leading;
    private int trailing;

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
        this.leading = -1;
        this.trailing = 0;
    }

    /** Decodes the next sample; false when all {@code numSamples} have been read. */
    boolean next() {
        if (index >= numSamples) {
            return false;
        }
        if (index == 0) {
            bits = in.readBits(64);
        } else {
            delta += readDeltaOfDelta();
            timestamp += delta;
            readXor();
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

    private long readDeltaOfDelta() {
        return switch (in.readUnaryOnes(4)) {
            case 0 -> 0;
            case 1 -> in.readSigned(XorStreamWriter.DOD_BUCKET_1);
            case 2 -> in.readSigned(XorStreamWriter.DOD_BUCKET_2);
            case 3 -> in.readSigned(XorStreamWriter.DOD_BUCKET_3);
            default -> in.readBits(64);
        };
    }

    private void readXor() {
        if (in.readBit() == 0) {
            return;
        }
        if (in.readBit() == 0) {
            if (leading < 0) {
                throw new CorruptChunkException("value reuses a bit window before any was set",
                        in.reportOffset());
            }
        } else {
            leading = (int) in.readBits(XorStreamWriter.LEADING_BITS);
            int length = (int) in.readBits(XorStreamWriter.LENGTH_BITS) + 1;
            if (leading + length > 64) {
                throw new CorruptChunkException("value window of " + length + " bits after "
                        + leading + " leading zeros exceeds 64 bits", in.reportOffset());
            }
            trailing = 64 - leading - length;
        }
        bits ^= in.readBits(64 - leading - trailing) << trailing;
    }
}
