package io.strata.encoding.chunk;

import io.strata.encoding.BitReader;
import io.strata.encoding.BitWriter;
import io.strata.encoding.ByteInput;
import io.strata.encoding.ByteSink;
import io.strata.encoding.CorruptChunkException;

/**
 * A prefix code for unsigned integers whose bucket widths are chosen per column to fit the data:
 * the generalisation of Gorilla's fixed delta-of-delta buckets. With {@code k} buckets of
 * increasing widths {@code w[0] < ... < w[k-1]}, a value goes into the first bucket it fits and
 * is written as the bucket's prefix followed by {@code w[j]} bits:
 * <pre>
 * k=1: ''                      k=3: '0'  '10'  '11'
 * k=2: '0'  '1'                k=4: '0'  '10'  '110'  '111'
 * </pre>
 * A width of 0 makes a one-bit (or zero-bit) code for the value 0, so constant columns cost
 * nothing and mostly-zero ones one bit a value. {@link #choose} finds the cheapest widths from a
 * histogram of bit lengths, so no data shape needs hand-tuned buckets.
 */
final class BucketCode {
    static final int MAX_BUCKETS = 4;

    private int buckets;
    private final int[] widths = new int[MAX_BUCKETS];
    /** Bits of the chosen code for the data given to {@link #choose}, parameters excluded. */
    private long costBits;

    int buckets() {
        return buckets;
    }

    int width(int bucket) {
        return widths[bucket];
    }

    long costBits() {
        return costBits;
    }

    /** Chooses the cheapest code for {@code values[from, to)} (read as unsigned). */
    BucketCode choose(long[] values, int from, int to) {
        int[] cumulative = new int[65];
        for (int i = from; i < to; i++) {
            cumulative[bitLength(values[i])]++;
        }
        int n = to - from;
        int[] present = new int[65];
        int distinct = 0;
        for (int len = 0; len <= 64; len++) {
            if (cumulative[len] > 0) {
                present[distinct++] = len;
            }
            if (len > 0) {
                cumulative[len] += cumulative[len - 1];
            }
        }
        int max = distinct == 0 ? 0 : present[distinct - 1];
        buckets = 1;
        widths[0] = max;
        costBits = (long) n * max;
        // Candidate widths below the maximum are the lengths that occur: any other width
        // costs the same bits for fewer values.
        for (int a = 0; a < distinct - 1; a++) {
            int wa = present[a];
            long ca = (long) cumulative[wa] * (1 + wa);
            consider(2, wa, 0, 0, max, ca + (long) (n - cumulative[wa]) * (1 + max));
            for (int b = a + 1; b < distinct - 1; b++) {
                int wb = present[b];
                long cb = ca + (long) (cumulative[wb] - cumulative[wa]) * (2 + wb);
                consider(3, wa, wb, 0, max, cb + (long) (n - cumulative[wb]) * (2 + max));
                for (int c = b + 1; c < distinct - 1; c++) {
                    int wc = present[c];
                    long cc = cb + (long) (cumulative[wc] - cumulative[wb]) * (3 + wc);
                    consider(4, wa, wb, wc, max, cc + (long) (n - cumulative[wc]) * (3 + max));
                }
            }
        }
        return this;
    }

    private void consider(int k, int wa, int wb, int wc, int max, long cost) {
        if (cost < costBits) {
            costBits = cost;
            buckets = k;
            widths[0] = wa;
            widths[1] = k == 2 ? max : wb;
            widths[2] = k == 3 ? max : wc;
            widths[3] = max;
        }
    }

    static int bitLength(long v) {
        return 64 - Long.numberOfLeadingZeros(v);
    }

    /** Writes the bucket count and widths, one byte each. */
    void writeParams(ByteSink out) {
        out.writeByte(buckets);
        for (int i = 0; i < buckets; i++) {
            out.writeByte(widths[i]);
        }
    }

    BucketCode readParams(ByteInput in) {
        long at = in.offset();
        buckets = in.readUnsignedByte();
        if (buckets < 1 || buckets > MAX_BUCKETS) {
            throw new CorruptChunkException("bucket count " + buckets + " outside [1, "
                    + MAX_BUCKETS + "]", at);
        }
        int previous = -1;
        for (int i = 0; i < buckets; i++) {
            widths[i] = in.readUnsignedByte();
            if (widths[i] <= previous || widths[i] > 64) {
                throw new CorruptChunkException("bucket widths must increase within [0, 64], got "
                        + widths[i] + " after " + previous, in.offset() - 1);
            }
            previous = widths[i];
        }
        return this;
    }

    void write(BitWriter out, long value) {
        int len = bitLength(value);
        int last = buckets - 1;
        for (int j = 0; j < last; j++) {
            if (len <= widths[j]) {
                // j ones then a zero: the bits 1..10 shifted, written in one call.
                out.writeBits(((1L << (j + 1)) - 2), j + 1);
                out.writeBits(value, widths[j]);
                return;
            }
        }
        if (len > widths[last]) {
            throw new IllegalStateException("BUG: value of " + len + " bits exceeds the widest bucket "
                    + widths[last]);
        }
        out.writeBits((1L << last) - 1, last);
        out.writeBits(value, widths[last]);
    }

    long read(BitReader in) {
        int last = buckets - 1;
        int bucket = last == 0 ? 0 : in.readUnaryOnes(last);
        return in.readBits(widths[bucket]);
    }
}
