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
 *       {@link DecimalValues}); the integers {@code n} go through a transform (themselves, or
 *       their first, second or third differences), are divided by their greatest common divisor (memory
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

    /**
     * The scale byte that marks decimal-mode integers as the doubles' raw bits: for floats that
     * move by small steps (a sum of latencies), whose bits as integers have small deltas even
     * though the values are not short decimals.
     */
    static final int RAW_BITS_SCALE = 0xFF;

    /** Bits of a double's mantissa; the sign and exponent are the 12 bits above them. */
    static final int MANTISSA_BITS = 52;

    /** Transforms: which order of differences the column holds (ids are format, not order). */
    static final int DELTA = 0;
    static final int DELTA_OF_DELTA = 1;
    static final int LEVEL = 2;
    /** Third differences: smooth counters (a rate that drifts) leave the smallest residue. */
    static final int DELTA_3 = 3;
    static final int TRANSFORMS = 4;

    /** The order of differences of transform {@code t}: the number of anchors it stores. */
    static int order(int t) {
        return switch (t) {
            case DELTA -> 1;
            case DELTA_OF_DELTA -> 2;
            case LEVEL -> 0;
            default -> 3;
        };
    }

    private final DecimalCandidate decimal;
    private final DecimalCandidate rawBits;
    private boolean usingRawBits;
    private final BitWriter xorBits = new BitWriter(64);
    private final XorValueWriter xorWriter = new XorValueWriter();
    private final IntColumnWriter exponentColumn;
    private long[] exponents = new long[0];
    private int sharedTrailingZeros;
    private int[] scales = new int[0];
    private long[] mantissas = new long[0];
    private double[] values;
    private int n;
    private int mode;

    PackedValueEncoder(ColumnScratch scratch) {
        decimal = new DecimalCandidate(scratch);
        rawBits = new DecimalCandidate(scratch);
        exponentColumn = new IntColumnWriter(scratch);
    }

    PackedValueEncoder choose(double[] values, int n) {
        return choose(values, n, false);
    }

    /**
     * Chooses the cheapest mode; {@code floatsOnly} restricts the choice to {@link #XOR} (a seam
     * for tests: the integer modes win nearly everywhere, yet the XOR decoder must stay proven).
     */
    PackedValueEncoder choose(double[] values, int n, boolean floatsOnly) {
        this.values = values;
        this.n = n;
        usingRawBits = false;
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
        if (floatsOnly) {
            return this;
        }
        long bestCost = 8 + 64 + xorBits.bitLength();
        long splitCost = chooseSplit();
        if (splitCost < bestCost) {
            mode = SPLIT;
            bestCost = splitCost;
        }
        rawBits.buildRawBits(values, n);
        boolean useRawBits = rawBits.costBits() < bestCost;
        if (useRawBits) {
            bestCost = rawBits.costBits();
        }
        if (chooseDecimal(bestCost)) {
            mode = DECIMAL;
        } else if (useRawBits) {
            mode = DECIMAL;
            usingRawBits = true;
        }
        return this;
    }

    long costBits() {
        return switch (mode) {
            case CONSTANT -> 8 + 64;
            case XOR -> 8 + 64 + xorBits.bitLength();
            case SPLIT -> chooseSplit();
            default -> 8 + (usingRawBits ? rawBits : decimal).costBits();
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
            default -> (usingRawBits ? rawBits : decimal).write(params, bits);
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

    /**
     * Greatest common divisor of the magnitudes (Stein's binary algorithm: shifts and
     * subtractions instead of the slow 64-bit division of Euclid's). Arguments stay below 2^62
     * in magnitude here (decimal integers are below 2^53, their deltas of deltas below 2^55).
     */
    static long gcd(long a, long b) {
        a = Math.abs(a);
        b = Math.abs(b);
        if (a == 0) {
            return b;
        }
        if (b == 0) {
            return a;
        }
        int shift = Long.numberOfTrailingZeros(a | b);
        a >>>= Long.numberOfTrailingZeros(a);
        while (b != 0) {
            b >>>= Long.numberOfTrailingZeros(b);
            if (a > b) {
                long t = a;
                a = b;
                b = t;
            }
            b -= a;
        }
        return a << shift;
    }

    /** One way of writing the values as decimals at one scale: the cheapest transform for it. */
    private static final class DecimalCandidate {
        private final ByteSink exceptions = new ByteSink(16);
        private final IntColumnWriter column;
        /** The chosen transform's column; rebuilt for each candidate transform. */
        private long[] transformed = new long[0];
        private final long[] anchors = new long[3];
        private int anchorCount;
        private long[] ints = new long[0];
        private int scale;
        private int exceptionCount;
        private int transform;
        private long divisor;
        private int count;
        private long costBits;

        DecimalCandidate(ColumnScratch scratch) {
            column = new IntColumnWriter(scratch);
        }

        private void ensureCapacity(int n) {
            if (ints.length < n) {
                ints = new long[n];
                transformed = new long[n];
            }
        }

        /** The integers are the doubles' raw bits ({@link #RAW_BITS_SCALE}); no exceptions. */
        void buildRawBits(double[] values, int n) {
            ensureCapacity(n);
            scale = RAW_BITS_SCALE;
            exceptions.reset();
            exceptionCount = 0;
            for (int i = 0; i < n; i++) {
                ints[i] = Double.doubleToRawLongBits(values[i]);
            }
            count = n;
            chooseTransform(n);
        }

        void build(double[] values, int[] scales, long[] mantissas, int n, int scale) {
            ensureCapacity(n);
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
            chooseTransform(m);
        }

        private void chooseTransform(int m) {
            long fixedBits = 8L * (2 + Varints.sizeOfUnsigned(exceptionCount) + exceptions.length());
            costBits = Long.MAX_VALUE;
            for (int t = 0; t < TRANSFORMS; t++) {
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
            int order = order(t);
            long[] out = transformed;
            System.arraycopy(ints, 0, out, 0, m);
            // Differences of increasing order in place; the first `order` entries become the
            // anchors: x0, then the first delta, then the first delta of delta.
            for (int o = 1; o <= order; o++) {
                for (int i = m - 1; i >= o; i--) {
                    out[i] -= out[i - 1];
                }
            }
            int anchors = Math.min(order, m);
            anchorCount = anchors;
            System.arraycopy(out, 0, this.anchors, 0, anchors);
            int len = m - anchors;
            long g = 0;
            for (int i = anchors; i < m && g != 1; i++) {
                if (out[i] == Long.MIN_VALUE) {
                    // Only raw bits reach it; its magnitude has no long, so no common divisor.
                    g = 1;
                } else if (g == 0 || out[i] % g != 0) {
                    // The divisor rarely changes once found; one remainder is cheaper than a gcd.
                    g = gcd(g, out[i]);
                }
            }
            if (g == 0) {
                g = 1;
            }
            if (g != 1) {
                for (int i = anchors; i < m; i++) {
                    out[i] /= g;
                }
            }
            divisor = g;
            column.choose(out, anchors, anchors + len);
            int anchorBytes = 0;
            for (int i = 0; i < anchors; i++) {
                anchorBytes += Varints.sizeOfSigned(this.anchors[i]);
            }
            return 8L * (anchorBytes + Varints.sizeOfUnsigned(g)) + column.costBits();
        }

        long costBits() {
            return costBits;
        }

        void write(ByteSink params, BitWriter bits) {
            params.writeByte(scale);
            params.writeByte(transform);
            params.writeUnsignedVarint(exceptionCount);
            params.writeBytes(exceptions.buffer(), 0, exceptions.length());
            for (int i = 0; i < anchorCount; i++) {
                params.writeSignedVarint(anchors[i]);
            }
            params.writeUnsignedVarint(divisor);
            column.write(params, bits);
        }
    }
}
