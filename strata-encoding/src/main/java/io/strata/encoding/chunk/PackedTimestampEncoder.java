package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;
import io.strata.encoding.ByteSink;
import io.strata.encoding.Varints;

/**
 * Chooses and writes the timestamp column of a {@link ChunkFormat#PACKED_V1} chunk. The first
 * and last timestamps are the header's minTime and maxTime, so only the {@code n - 2} between
 * them are coded, as offsets from a prediction, in the cheapest of three modes:
 * <ul>
 *   <li>{@link #LINE}: the straight line from the first to the last timestamp: zero bits for a
 *       regular series, only the jitter for a scraped one, with no drift however long the chunk
 *       or however the scraper's clock runs;
 *   <li>{@link #STEP}: a fixed integer step from the first timestamp: the same for a regular
 *       series, and the jitter without the line's tilt from the two end samples' own jitter;
 *   <li>{@link #DOD}: Gorilla's delta of deltas, for irregular series.
 * </ul>
 */
final class PackedTimestampEncoder {
    static final int LINE = 0;
    static final int STEP = 1;
    static final int DOD = 2;
    /**
     * LINE computes {@code i * span}; below 2^47 ms (4,400 years) that cannot overflow for
     * {@link ChunkFormat#MAX_SAMPLES} samples.
     */
    static final long LINE_MAX_SPAN = (1L << 47) - 1;

    private final IntColumnWriter lineColumn;
    private final IntColumnWriter stepColumn;
    private final IntColumnWriter dodColumn;
    /** One array per mode: each column keeps reading its own until written. */
    private long[] lineOffsets = new long[0];
    private long[] stepOffsets = new long[0];
    private long[] dods = new long[0];
    private int mode;
    private long step;
    private long firstDelta;
    private long costBits;

    PackedTimestampEncoder(ColumnScratch scratch) {
        lineColumn = new IntColumnWriter(scratch);
        stepColumn = new IntColumnWriter(scratch);
        dodColumn = new IntColumnWriter(scratch);
    }

    PackedTimestampEncoder choose(long[] ts, int n) {
        if (lineOffsets.length < n) {
            lineOffsets = new long[n];
            stepOffsets = new long[n];
            dods = new long[n];
        }
        mode = LINE;
        if (n < 3) {
            lineColumn.choose(lineOffsets, 0, 0);
            costBits = 8 + lineColumn.costBits();
            return this;
        }
        long span = ts[n - 1] - ts[0];
        costBits = Long.MAX_VALUE;
        if (span > 0 && span <= LINE_MAX_SPAN) {
            for (int i = 1; i <= n - 2; i++) {
                lineOffsets[i - 1] = ts[i] - (ts[0] + (i * span) / (n - 1));
            }
            lineColumn.choose(lineOffsets, 0, n - 2);
            costBits = 8 + lineColumn.costBits();

            step = Math.round((double) span / (n - 1));
            for (int i = 1; i <= n - 2; i++) {
                stepOffsets[i - 1] = ts[i] - (ts[0] + i * step);
            }
            stepColumn.choose(stepOffsets, 0, n - 2);
            long stepCost = 8 + 8L * Varints.sizeOfUnsigned(step) + stepColumn.costBits();
            if (stepCost < costBits) {
                mode = STEP;
                costBits = stepCost;
            }
        }
        firstDelta = ts[1] - ts[0];
        for (int i = 2; i <= n - 2; i++) {
            dods[i - 2] = (ts[i] - ts[i - 1]) - (ts[i - 1] - ts[i - 2]);
        }
        dodColumn.choose(dods, 0, n - 3);
        long dodCost = 8 + 8L * Varints.sizeOfSigned(firstDelta) + dodColumn.costBits();
        if (dodCost < costBits) {
            mode = DOD;
            costBits = dodCost;
        }
        return this;
    }

    /** Bits of the chosen mode: the mode byte, parameters and coded values. */
    long costBits() {
        return costBits;
    }

    void write(ByteSink params, BitWriter bits) {
        params.writeByte(mode);
        switch (mode) {
            case LINE -> lineColumn.write(params, bits);
            case STEP -> {
                params.writeUnsignedVarint(step);
                stepColumn.write(params, bits);
            }
            default -> {
                params.writeSignedVarint(firstDelta);
                dodColumn.write(params, bits);
            }
        }
    }
}
