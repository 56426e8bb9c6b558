package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;
import io.strata.encoding.ByteSink;
import io.strata.encoding.Varints;

/**
 * Writes a column of signed integers with the cheapest of four coders, decided from exact costs:
 * <ul>
 *   <li>{@link #CENTERED}: {@code zigzag(x - center)} with a fitted {@link BucketCode}; the
 *       center is 0 or the median, so a counter's steady increase costs only its noise and a
 *       rare outlier (a reset) lands in the widest bucket;
 *   <li>{@link #OFFSET}: {@code x - min} with a fitted {@link BucketCode}, for values that are
 *       all of a similar size (a gauge wandering in a band);
 *   <li>{@link #RADIX}: {@code x - min} packed by {@link RadixPacking}, for tiny ranges
 *       (timestamp jitter) where whole bits per value waste the most;
 *   <li>{@link #SPARSE}: only the non-zero values, as (gap, zigzag value) varint pairs in the
 *       parameter area, for columns that are zero almost everywhere (a counter that rarely moves,
 *       a grid of timestamps with a few late scrapes).
 * </ul>
 * All arithmetic wraps modulo 2^64, so any {@code long} round-trips. Parameters start with the
 * coder byte; the layouts are in {@code docs/format/chunks.md}.
 */
final class IntColumnWriter {
    static final int CENTERED = 0;
    static final int OFFSET = 1;
    static final int RADIX = 2;
    static final int SPARSE = 3;

    private final BucketCode centeredCode = new BucketCode();
    private final BucketCode offsetCode = new BucketCode();
    private final ByteSink sparseEntries = new ByteSink(64);
    private final ColumnScratch scratch;
    /** The scratch arrays, valid during {@link #choose} only. */
    private long[] mapped;
    private long[] values;
    private int from;
    private int to;
    private int coder;
    private long center;
    private long min;
    private long radix;
    private int nonZeros;
    private long costBits;

    IntColumnWriter(ColumnScratch scratch) {
        this.scratch = scratch;
    }

    /** Chooses the coder for {@code values[from, to)}; the array must stay unchanged until written. */
    IntColumnWriter choose(long[] values, int from, int to) {
        this.values = values;
        this.from = from;
        this.to = to;
        int count = to - from;
        mapped = scratch.mapped(count);
        long[] sorted = scratch.sorted(count);
        min = count == 0 ? 0 : Long.MAX_VALUE;
        long max = count == 0 ? 0 : Long.MIN_VALUE;
        for (int i = from; i < to; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        System.arraycopy(values, from, sorted, 0, count);
        long median = count == 0 ? 0 : select(sorted, count, count / 2);

        coder = CENTERED;
        center = 0;
        costBits = centeredCost(0, count);
        if (median != 0) {
            long cost = centeredCost(median, count);
            if (cost < costBits) {
                costBits = cost;
                center = median;
            }
        }
        centeredCost(center, count);

        for (int i = 0; i < count; i++) {
            mapped[i] = values[from + i] - min;
        }
        offsetCode.choose(mapped, 0, count);
        long offsetCost = 8L * (2 + Varints.sizeOfSigned(min) + offsetCode.buckets())
                + offsetCode.costBits();
        if (offsetCost < costBits) {
            coder = OFFSET;
            costBits = offsetCost;
        }

        long range = max - min;
        if (count > 0 && range > 0 && range < RadixPacking.MAX_RADIX) {
            radix = range + 1;
            long radixCost = 8L * (1 + Varints.sizeOfSigned(min) + Varints.sizeOfUnsigned(radix))
                    + RadixPacking.costBits(radix, count);
            if (radixCost < costBits) {
                coder = RADIX;
                costBits = radixCost;
            }
        }

        long sparseCost = sparseCost();
        if (sparseCost < costBits) {
            coder = SPARSE;
            costBits = sparseCost;
        }
        return this;
    }

    /** The {@code k}-th smallest of {@code a[0, n)} (Hoare's quickselect; reorders {@code a}). */
    static long select(long[] a, int n, int k) {
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            // Median of three as the pivot keeps sorted and constant columns linear.
            int mid = (lo + hi) >>> 1;
            long pivot = Math.max(Math.min(a[lo], a[mid]), Math.min(Math.max(a[lo], a[mid]), a[hi]));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private long centeredCost(long c, int count) {
        for (int i = 0; i < count; i++) {
            mapped[i] = Varints.zigzag(values[from + i] - c);
        }
        centeredCode.choose(mapped, 0, count);
        return 8L * (2 + Varints.sizeOfSigned(c) + centeredCode.buckets()) + centeredCode.costBits();
    }

    private long sparseCost() {
        sparseEntries.reset();
        nonZeros = 0;
        int last = -1;
        for (int i = from; i < to; i++) {
            if (values[i] != 0) {
                int index = i - from;
                sparseEntries.writeUnsignedVarint(index - last - 1);
                sparseEntries.writeUnsignedVarint(Varints.zigzag(values[i]));
                last = index;
                nonZeros++;
            }
        }
        int entryBytes = sparseEntries.length();
        return 8L * (1 + Varints.sizeOfUnsigned(nonZeros) + Varints.sizeOfUnsigned(entryBytes)
                + entryBytes);
    }

    /** Exact bits of parameters and data the chosen coder takes. */
    long costBits() {
        return costBits;
    }

    /** Writes the parameters, then every value into {@code bits}. */
    void write(ByteSink params, BitWriter bits) {
        writeParams(params);
        for (int i = 0; i < to - from; i++) {
            writeValue(bits, i);
        }
    }

    void writeParams(ByteSink params) {
        params.writeByte(coder);
        switch (coder) {
            case CENTERED -> {
                params.writeSignedVarint(center);
                centeredCode.writeParams(params);
            }
            case OFFSET -> {
                params.writeSignedVarint(min);
                offsetCode.writeParams(params);
            }
            case RADIX -> {
                params.writeSignedVarint(min);
                params.writeUnsignedVarint(radix);
            }
            default -> {
                params.writeUnsignedVarint(nonZeros);
                params.writeUnsignedVarint(sparseEntries.length());
                params.writeBytes(sparseEntries.buffer(), 0, sparseEntries.length());
            }
        }
    }

    /**
     * Writes the bits of value {@code index} (counted from the column start), for columns
     * interleaved with other bits; call it for every index in order.
     */
    void writeValue(BitWriter bits, int index) {
        int i = from + index;
        switch (coder) {
            case CENTERED -> centeredCode.write(bits, Varints.zigzag(values[i] - center));
            case OFFSET -> offsetCode.write(bits, values[i] - min);
            case RADIX -> {
                int size = RadixPacking.groupSize(radix);
                if (index % size == 0) {
                    int digits = Math.min(size, to - i);
                    long group = 0;
                    for (int j = i + digits - 1; j >= i; j--) {
                        group = group * radix + (values[j] - min);
                    }
                    bits.writeBits(group, RadixPacking.groupBits(radix, digits));
                }
            }
            default -> {
                // Sparse values live in the parameters.
            }
        }
    }
}
