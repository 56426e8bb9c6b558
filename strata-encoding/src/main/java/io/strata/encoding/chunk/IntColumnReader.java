package io.strata.encoding.chunk;

import io.strata.encoding.BitReader;
import io.strata.encoding.ByteInput;
import io.strata.encoding.CorruptChunkException;
import io.strata.encoding.Varints;

/**
 * Reads a column written by {@link IntColumnWriter}: parameters from a {@link ByteInput} at
 * {@link #readParams}, then one value per {@link #next} from the column's bit area or from the
 * sparse entries. Needs the column's value count to size the final radix group.
 */
final class IntColumnReader {
    private final BucketCode bucketCode = new BucketCode();
    private final ByteInput entries = new ByteInput();
    private int coder;
    private long base;
    /** Values not yet returned. */
    private int remaining;

    private long radix;
    private long reciprocal;
    private int groupSize;
    private int fullGroupBits;
    private long group;
    private int digitsLeft;

    private int entriesLeft;
    private long position;
    private long nextNonZero;
    private long nextValue;
    private long lastNonZero;

    /** Parses the parameters of a column of {@code count} values; leaves {@code params} after them. */
    IntColumnReader readParams(ByteInput params, int count) {
        long at = params.offset();
        coder = params.readUnsignedByte();
        remaining = count;
        switch (coder) {
            case IntColumnWriter.CENTERED, IntColumnWriter.OFFSET -> {
                base = params.readSignedVarint();
                bucketCode.readParams(params);
            }
            case IntColumnWriter.RADIX -> {
                base = params.readSignedVarint();
                radix = params.readUnsignedVarint("radix", 2, RadixPacking.MAX_RADIX);
                reciprocal = RadixPacking.reciprocal(radix);
                groupSize = RadixPacking.groupSize(radix);
                fullGroupBits = RadixPacking.groupBits(radix, groupSize);
                digitsLeft = 0;
            }
            case IntColumnWriter.SPARSE -> {
                entriesLeft = (int) params.readUnsignedVarint("sparse entry count", 0, count);
                long entryBytes = params.readUnsignedVarint("sparse entry bytes", 0,
                        params.remaining());
                entries.reset(params.segment(), params.position(), entryBytes);
                params.skip(entryBytes);
                position = 0;
                lastNonZero = -1;
                loadNextEntry();
            }
            default -> throw new CorruptChunkException("unknown integer coder " + coder, at);
        }
        return this;
    }

    String coderName() {
        return switch (coder) {
            case IntColumnWriter.CENTERED -> "centered";
            case IntColumnWriter.OFFSET -> "offset";
            case IntColumnWriter.RADIX -> "radix";
            default -> "sparse";
        };
    }

    /** The next value; callers never ask for more than the column's count. */
    long next(BitReader bits) {
        remaining--;
        return switch (coder) {
            case IntColumnWriter.CENTERED -> Varints.unzigzag(bucketCode.read(bits)) + base;
            case IntColumnWriter.OFFSET -> bucketCode.read(bits) + base;
            case IntColumnWriter.RADIX -> nextDigit(bits) + base;
            default -> nextSparse();
        };
    }

    private long nextDigit(BitReader bits) {
        if (digitsLeft == 0) {
            digitsLeft = Math.min(groupSize, remaining + 1);
            int groupBits = digitsLeft == groupSize ? fullGroupBits
                    : RadixPacking.groupBits(radix, digitsLeft);
            group = bits.readBits(groupBits);
        }
        digitsLeft--;
        long quotient = RadixPacking.divide(group, reciprocal);
        long digit = group - quotient * radix;
        group = quotient;
        return digit;
    }

    private long nextSparse() {
        long value = 0;
        if (position == nextNonZero) {
            value = Varints.unzigzag(nextValue);
            loadNextEntry();
        }
        position++;
        return value;
    }

    private void loadNextEntry() {
        if (entriesLeft == 0) {
            nextNonZero = -1;
            return;
        }
        entriesLeft--;
        long gap = entries.readUnsignedVarint("sparse gap", 0, ChunkFormat.MAX_SAMPLES);
        nextNonZero = lastNonZero + 1 + gap;
        lastNonZero = nextNonZero;
        nextValue = entries.readUnsignedVarint();
    }
}
