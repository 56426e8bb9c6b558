package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;
import io.strata.encoding.ByteSink;
import io.strata.encoding.Varints;

/**
 * Chooses and writes the value column of a {@link ChunkFormat#PACKED_V1} chunk, by exact cost,
 * among:
 * <ul>
 *   <li>{@link #CONSTANT}: every value has the same bits; 8 bytes for the whole chunk;
 *   <li>{@link #DECIMAL}: values are short decimals {@code n / 10^scale} (see
 *       {@link DecimalValues}); the integers {@code n} go through a transform (delta, delta of
 *       delta, or offset from the minimum), are divided by their greatest common divisor (memory
 *       gauges move in pages of 4096 bytes) and are written by an {@link IntColumnWriter}.
 *       Samples that are not such decimals at the chosen scale (NaN, the stale marker,
 *       infinities, -0.0, long fractions) are stored raw as exceptions, so one stale marker
 *       does not push a whole chunk to the float encoding;
 *   <li>{@link #XOR}: Gorilla's XOR encoding, for floats that share leading bits;
 *   <li>{@link #SPLIT}: sign and exponent as a small integer column (they vary little), the
 *       mantissa raw without the trailing zeros all values share: for really random doubles,
 *       where XOR's window headers cost more than they save.
 * </ul>
 */
final class PackedValueEncoder {
    static final int CONSTANT = 0;
    static final int DECIMAL = 1;
    static final int XOR = 2;
    static final int SPLIT = 3;

    /** Bits of a double's mantissa; the sign and exponent are the 12 bits above them. */
    static final int MANTISSA_BITS = 52;

    static final int DELTA = 0;
    static final int DELTA_OF_DELTA = 1;
    static final int LEVEL = 2;

    private final DecimalCandidate decimal = new DecimalCandidate();
    private final BitWriter xorBits = new BitWriter(64);
    private final XorValueWriter xorWriter = new XorValueWriter();
    private final IntColumnWriter exponentColumn = new IntColumnWriter();
    private long[] exponents = new long[0];
    private int sharedTrailingZeros;
    private int[] scales = new int[0];
    private long[] mantissas = new long[0];
    private double[] values;
    private int n;
    private int mode;

    PackedValueEncoder choose(double[] values, int n) {
        this.values = values;
        this.n = n;
        if (isConstant(values, n)) {
            mode = CONSTANT;
            return this;
        }
        xorBits.reset();
        xorWriter.start(Double.doubleToRawLongBits(values[0]));
        for (int i = 1; i < n; i++) {
            xorWriter.write(xorBits, Double.doubleToRawLongBits(values[i]));
        }
        mode = XOR;
        long bestCost = 8 + 64 + xorBits.bitLength();
        long splitCost = chooseSplit();
        if (splitCost < bestCost) {
            mode = SPLIT;
            bestCost = splitCost;
        }
        if (chooseDecimal(bestCost)) {
            mode = DECIMAL;
        }
        return this;
    }

    long costBits() {
        return switch (mode) {
            case CONSTANT -> 8 + 64;
            case XOR -> 8 + 64 + xorBits.bitLength();
            case SPLIT -> chooseSplit();
            default -> 8 + decimal.costBits();
        };
    }

    void write(ByteSink params, BitWriter bits) {
        params.writeByte(mode);
        switch (mode) {
            case CONSTANT -> params.writeLongLE(Double.doubleToRawLongBits(values[0]));
            case XOR -> {
                params.writeLongLE(Double.doubleToRawLongBits(values[0]));
                copyBits(xorBits, bits);
            }
            case SPLIT -> writeSplit(params, bits);
            default -> decimal.write(params, bits);
        }
    }

    /** Prepares {@link #SPLIT}; returns its cost in bits with the mode byte. */
    private long chooseSplit() {
        if (exponents.length < n) {
            exponents = new long[n];
        }
        long mantissaOr = 0;
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToRawLongBits(values[i]);
            exponents[i] = bits >>> MANTISSA_BITS;
            mantissaOr |= bits;
        }
        sharedTrailingZeros = Math.min(MANTISSA_BITS, Long.numberOfTrailingZeros(mantissaOr));
        exponentColumn.choose(exponents, 0, n);
        return 8 + 8 + exponentColumn.costBits() + (long) n * (MANTISSA_BITS - sharedTrailingZeros);
    }

    private void writeSplit(ByteSink params, BitWriter bits) {
        params.writeByte(sharedTrailingZeros);
        exponentColumn.writeParams(params);
        int mantissaBits = MANTISSA_BITS - sharedTrailingZeros;
        long mask = (1L << MANTISSA_BITS) - 1;
        for (int i = 0; i < n; i++) {
            long raw = Double.doubleToRawLongBits(values[i]);
            exponentColumn.writeValue(bits, i);
            bits.writeBits((raw & mask) >>> sharedTrailingZeros, mantissaBits);
        }
    }

    private static boolean isConstant(double[] values, int n) {
        long first = Double.doubleToRawLongBits(values[0]);
        for (int i = 1; i < n; i++) {
            if (Double.doubleToRawLongBits(values[i]) != first) {
                return false;
            }
        }
        return true;
    }

    /** Tries every useful scale; true if some decimal encoding beats {@code costToBeat}. */
    private boolean chooseDecimal(long costToBeat) {
        if (scales.length < n) {
            scales = new int[n];
            mantissas = new long[n];
        }
        int[] perScale = new int[DecimalValues.MAX_SCALE + 1];
        int undecimal = 0;
        for (int i = 0; i < n; i++) {
            int k = DecimalValues.scaleOf(values[i]);
            scales[i] = k;
            if (k < 0) {
                undecimal++;
            } else {
                perScale[k]++;
                mantissas[i] = DecimalValues.mantissa(values[i], k);
            }
        }
        // An exception costs 9+ bytes; a scale leaving more than 1/8 of the samples out cannot
        // beat the float encoding by enough to matter.
        int maxExceptions = n / 8;
        int above = n - undecimal;
        int bestScale = -1;
        long bestCost = costToBeat;
        for (int scale = 0; scale <= DecimalValues.MAX_SCALE; scale++) {
            above -= perScale[scale];
            if (perScale[scale] == 0 || undecimal + above > maxExceptions) {
                continue;
            }
            decimal.build(values, scales, mantissas, n, scale);
            if (decimal.costBits() < bestCost) {
                bestCost = decimal.costBits();
                bestScale = scale;
            }
        }
        if (bestScale >= 0) {
            decimal.build(values, scales, mantissas, n, bestScale);
        }
        return bestScale >= 0;
    }

    private static void copyBits(BitWriter from, BitWriter to) {
        byte[] buffer = from.buffer();
        long bits = from.bitLength();
        int whole = (int) (bits >>> 3);
        for (int i = 0; i < whole; i++) {
            to.writeBits(buffer[i], 8);
        }
        int rest = (int) (bits & 7);
        if (rest > 0) {
            to.writeBits((buffer[whole] & 0xFF) >>> (8 - rest), rest);
        }
    }

    static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    /** One way of writing the values as decimals at one scale: the cheapest transform for it. */
    private static final class DecimalCandidate {
        private final ByteSink exceptions = new ByteSink(16);
        private final IntColumnWriter column = new IntColumnWriter();
        private final long[][] transformed = new long[3][];
        private long[] ints = new long[0];
        private int scale;
        private int exceptionCount;
        private int transform;
        private long anchor;
        private long secondAnchor;
        private long divisor;
        private int count;
        private long costBits;

        void build(double[] values, int[] scales, long[] mantissas, int n, int scale) {
            if (ints.length < n) {
                ints = new long[n];
                for (int t = 0; t < 3; t++) {
                    transformed[t] = new long[n];
                }
            }
            this.scale = scale;
            exceptions.reset();
            exceptionCount = 0;
            int m = 0;
            int lastException = -1;
            for (int i = 0; i < n; i++) {
                long v = Long.MIN_VALUE;
                if (scales[i] >= 0 && scales[i] <= scale) {
                    v = DecimalValues.rescale(mantissas[i], scales[i], scale);
                    if (v != Long.MIN_VALUE && Double.doubleToRawLongBits(DecimalValues.decode(v, scale))
                            != Double.doubleToRawLongBits(values[i])) {
                        v = Long.MIN_VALUE;
                    }
                }
                if (v == Long.MIN_VALUE) {
                    exceptions.writeUnsignedVarint(i - lastException - 1);
                    exceptions.writeLongLE(Double.doubleToRawLongBits(values[i]));
                    lastException = i;
                    exceptionCount++;
                } else {
                    ints[m++] = v;
                }
            }
            count = m;
            long fixedBits = 8L * (2 + Varints.sizeOfUnsigned(exceptionCount) + exceptions.length());
            costBits = Long.MAX_VALUE;
            for (int t = DELTA; t <= LEVEL; t++) {
                long cost = fixedBits + prepare(t, m);
                if (cost < costBits) {
                    costBits = cost;
                    transform = t;
                }
            }
            prepare(transform, m);
        }

        /** Fills the column for transform {@code t}; returns its cost in bits beyond the fixed part. */
        private long prepare(int t, int m) {
            long[] out = transformed[t];
            int len = 0;
            long first = m > 0 ? ints[0] : 0;
            long second = m > 1 ? ints[1] - ints[0] : 0;
            switch (t) {
                case DELTA -> {
                    for (int i = 1; i < m; i++) {
                        out[len++] = ints[i] - ints[i - 1];
                    }
                }
                case DELTA_OF_DELTA -> {
                    for (int i = 2; i < m; i++) {
                        out[len++] = (ints[i] - ints[i - 1]) - (ints[i - 1] - ints[i - 2]);
                    }
                }
                default -> {
                    System.arraycopy(ints, 0, out, 0, m);
                    len = m;
                }
            }
            long g = 0;
            for (int i = 0; i < len && g != 1; i++) {
                g = gcd(g, out[i]);
            }
            if (g == 0) {
                g = 1;
            }
            if (g != 1) {
                for (int i = 0; i < len; i++) {
                    out[i] /= g;
                }
            }
            anchor = first;
            secondAnchor = second;
            divisor = g;
            column.choose(out, 0, len);
            return 8L * (anchorBytes(t, m) + Varints.sizeOfUnsigned(g)) + column.costBits();
        }

        private int anchorBytes(int t, int m) {
            return switch (t) {
                case DELTA -> m > 0 ? Varints.sizeOfSigned(anchor) : 0;
                case DELTA_OF_DELTA -> (m > 0 ? Varints.sizeOfSigned(anchor) : 0)
                        + (m > 1 ? Varints.sizeOfSigned(secondAnchor) : 0);
                default -> 0;
            };
        }

        long costBits() {
            return costBits;
        }

        void write(ByteSink params, BitWriter bits) {
            params.writeByte(scale);
            params.writeByte(transform);
            params.writeUnsignedVarint(exceptionCount);
            params.writeBytes(exceptions.buffer(), 0, exceptions.length());
            if (transform != LEVEL && count > 0) {
                params.writeSignedVarint(anchor);
            }
            if (transform == DELTA_OF_DELTA && count > 1) {
                params.writeSignedVarint(secondAnchor);
            }
            params.writeUnsignedVarint(divisor);
            column.write(params, bits);
        }
    }
}
