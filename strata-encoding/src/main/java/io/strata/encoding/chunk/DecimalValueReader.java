package io.strata.encoding.chunk;

import io.strata.encoding.BitReader;

/** Decodes what {@link DecimalValueWriter} wrote. */
final class DecimalValueReader {
    private int scale;
    private long n;
    private long delta;
    private double value;
    private final XorValueReader xor = new XorValueReader();

    /** Reads the first value (mode and raw value). */
    double start(BitReader in) {
        return readMode(in);
    }

    double next(BitReader in) {
        if (scale < 0) {
            value = Double.longBitsToDouble(xor.next(in));
            return value;
        }
        int ones = in.readUnaryOnes(DecimalValueCode.ESCAPE_ONES);
        if (ones == DecimalValueCode.ESCAPE_ONES) {
            return readMode(in);
        }
        if (ones > 0) {
            int bits = DecimalValueCode.payloadBits(ones);
            delta += bits == 64 ? in.readBits(64) : in.readSigned(bits);
        }
        n += delta;
        value = DecimalScale.unscale(n, scale);
        return value;
    }

    private double readMode(BitReader in) {
        int mode = (int) in.readBits(DecimalValueCode.MODE_BITS);
        long raw = in.readBits(64);
        if (mode == DecimalValueCode.FLOAT_MODE) {
            xor.start(raw);
            scale = -1;
            value = Double.longBitsToDouble(raw);
        } else { // 3 bits: every other code is a scale 0..6
            scale = mode;
            n = raw;
            delta = 0;
            value = DecimalScale.unscale(n, scale);
        }
        return value;
    }
}
