package io.strata.encoding.chunk;

import io.strata.encoding.BitReader;
import io.strata.encoding.CorruptChunkException;

/** Decodes what {@link XorValueWriter} wrote. */
final class XorValueReader {
    private long bits;
    private int leading;
    private int trailing;

    void start(long firstBits) {
        bits = firstBits;
        leading = -1;
        trailing = 0;
    }

    /** Reads the next value's bits from {@code in}. */
    long next(BitReader in) {
        if (in.readBit() == 0) {
            return bits;
        }
        if (in.readBit() == 0) {
            if (leading < 0) {
                throw new CorruptChunkException("value reuses a bit window before any was set",
                        in.reportOffset());
            }
        } else {
            leading = (int) in.readBits(XorValueWriter.LEADING_BITS);
            int length = (int) in.readBits(XorValueWriter.LENGTH_BITS) + 1;
            if (leading + length > 64) {
                throw new CorruptChunkException("value window of " + length + " bits after "
                        + leading + " leading zeros exceeds 64 bits", in.reportOffset());
            }
            trailing = 64 - leading - length;
        }
        bits ^= in.readBits(64 - leading - trailing) << trailing;
        return bits;
    }
}
