package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;

/**
 * Gorilla's XOR value compression, shared by the {@link ChunkFormat#XOR_V1} stream and the
 * float fallback of {@link ChunkFormat#PACKED_V1}. Each value after the first is XORed with its
 * predecessor and written as:
 * <pre>
 * '0'                               the same bits as the previous value
 * '10' bits                         the XOR's meaningful bits fit the previous window
 * '11' leading(6) length-1(6) bits  a new window
 * </pre>
 */
final class XorValueWriter {
    static final int LEADING_BITS = 6;
    static final int LENGTH_BITS = 6;
    /** Worst case of one value: '11', the window header and 64 bits. */
    static final int MAX_BITS = 2 + LEADING_BITS + LENGTH_BITS + 64;

    private long lastBits;
    /** The current meaningful-bit window; -1 until the first '11' control defines one. */
    private int leading = -1;
    private int trailing;

    /** Starts a new sequence whose first value (written elsewhere, raw) has these bits. */
    void start(long firstBits) {
        lastBits = firstBits;
        leading = -1;
        trailing = 0;
    }

    void write(BitWriter out, long bits) {
        long xor = bits ^ lastBits;
        lastBits = bits;
        if (xor == 0) {
            out.writeBit(false);
            return;
        }
        int newLeading = Long.numberOfLeadingZeros(xor);
        int newTrailing = Long.numberOfTrailingZeros(xor);
        int newLength = 64 - newLeading - newTrailing;
        int windowLength = 64 - leading - trailing;
        // Reuse the window when it holds the bits and costs no more than a new header would.
        if (leading >= 0 && newLeading >= leading && newTrailing >= trailing
                && windowLength <= newLength + LEADING_BITS + LENGTH_BITS) {
            out.writeBits(0b10, 2);
            out.writeBits(xor >>> trailing, windowLength);
        } else {
            leading = newLeading;
            trailing = newTrailing;
            out.writeBits(0b11, 2);
            out.writeBits(newLeading, LEADING_BITS);
            out.writeBits(newLength - 1, LENGTH_BITS);
            out.writeBits(xor >>> newTrailing, newLength);
        }
    }
}
