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
        // The control prefix is "0" (same value), "10" (reuse the window) or "11" (new window):
        // one unary read instead of two single-bit reads, on the hottest path of every query.
        int control = in.readUnaryOnes(2);
        if (control == 0) {
            return bits;
        }
        if (control == 1) {
            if (leading < 0) {
                throw new CorruptChunkException("value reuses a bit window before any was set",
                        in.reportOffset());
            }
        } else {
            long window = in.readBits(XorValueWriter.LEADING_BITS + XorValueWriter.LENGTH_BITS);
            leading = (int) (window >>> XorValueWriter.LENGTH_BITS);
            int length = (int) (window & ((1 << XorValueWriter.LENGTH_BITS) - 1)) + 1;
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
