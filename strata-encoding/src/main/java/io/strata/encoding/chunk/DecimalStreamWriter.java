package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;

/**
 * Writes the body of a {@link ChunkFormat#DECIMAL_V1} chunk: per sample, the timestamp's delta
 * of delta ({@link TimestampDeltas}), then the value as
 * {@link DecimalValueWriter} writes it. The first timestamp is the header's minTime.
 */
final class DecimalStreamWriter {
    /** Worst case per sample: '1111' + 64 bits of delta of delta, and the larger of a new XOR window or an escape. */
    static final int MAX_SAMPLE_BITS = TimestampDeltas.MAX_BITS
            + Math.max(XorValueWriter.MAX_BITS, DecimalValueCode.ESCAPE_ONES + DecimalValueCode.MODE_BITS + 64);

    private int count;
    private long lastTimestamp;
    private long lastDelta;
    private final DecimalValueWriter values = new DecimalValueWriter();

    void reset() {
        count = 0;
        lastTimestamp = 0;
        lastDelta = 0;
    }

    int count() {
        return count;
    }

    void append(BitWriter out, long timestamp, double value) {
        if (count == 0) {
            values.start(out, value);
        } else {
            long delta = timestamp - lastTimestamp;
            TimestampDeltas.write(out, delta - lastDelta);
            lastDelta = delta;
            values.write(out, value);
        }
        lastTimestamp = timestamp;
        count++;
    }
}
