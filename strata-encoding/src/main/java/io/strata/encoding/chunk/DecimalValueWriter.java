package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;

/**
 * Writes the values of a {@link ChunkFormat#DECIMAL_V1} stream ({@code docs/format/chunks.md}).
 * While values are decimal at the current scale ({@link DecimalScale}) each is written as the
 * delta of delta of its integer, which is 1 bit for a counter growing at a steady rate and a few
 * bits for a gauge of realistic precision, where Gorilla's XOR needs tens of bits because
 * decimal fractions have long binary expansions. A value that does not fit switches mode once,
 * through an escape: to another scale, or to XOR for the rest of the stream.
 *
 * <pre>
 * first value   mode(3): 0..6 scale k then n (64), or 7 then the raw double (64)
 * decimal mode  '0' dd = 0 | '10' 7 bits | '110' 13 | '1110' 20 | '11110' 32 | '111110' 64
 *               '111111' escape: mode(3) and a first value as above
 * float mode    Gorilla XOR ({@link XorValueWriter}), no escape
 * </pre>
 *
 * The codes themselves are in {@link DecimalValueCode}.
 */
final class DecimalValueWriter {
    /** Current scale, or -1 in float mode. */
    private int scale;
    private long lastN;
    private long lastDelta;
    private final XorValueWriter xor = new XorValueWriter();

    void start(BitWriter out, double v) {
        writeMode(out, v, DecimalScale.scaleOf(v));
    }

    void write(BitWriter out, double v) {
        if (scale < 0) {
            xor.write(out, Double.doubleToRawLongBits(v));
        } else if (DecimalScale.fits(v, scale)) {
            long n = DecimalScale.scaled(v, scale);
            long delta = n - lastN;
            writeDeltaOfDelta(out, delta - lastDelta);
            lastN = n;
            lastDelta = delta;
        } else {
            out.writeBits((1 << DecimalValueCode.ESCAPE_ONES) - 1, DecimalValueCode.ESCAPE_ONES);
            writeMode(out, v, DecimalScale.scaleOf(v));
        }
    }

    private void writeMode(BitWriter out, double v, int k) {
        if (k < 0) {
            long bits = Double.doubleToRawLongBits(v);
            out.writeBits(DecimalValueCode.FLOAT_MODE, DecimalValueCode.MODE_BITS);
            out.writeBits(bits, 64);
            xor.start(bits);
            scale = -1;
        } else {
            long n = DecimalScale.scaled(v, k);
            out.writeBits(k, DecimalValueCode.MODE_BITS);
            out.writeBits(n, 64);
            lastN = n;
            lastDelta = 0;
            scale = k;
        }
    }

    private static void writeDeltaOfDelta(BitWriter out, long dd) {
        int ones = DecimalValueCode.bucketOf(dd);
        out.writeBits(((1L << ones) - 1) << 1, ones + 1); // 'ones' one bits, then a zero
        if (ones > 0) {
            out.writeBits(dd, DecimalValueCode.payloadBits(ones));
        }
    }
}
