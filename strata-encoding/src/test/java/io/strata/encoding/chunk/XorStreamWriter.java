package io.strata.encoding.chunk;

import io.strata.encoding.BitWriter;

/**
 * Writes the body of an {@link ChunkFormat#XOR_V1} chunk, for tests only: Strata writes
 * {@link ChunkFormat#DECIMAL_V1} since it exists, and reads XOR_V1 for chunks written before.
 * Gorilla's delta-of-delta timestamps and XOR values, interleaved per sample; the first timestamp
 * is the chunk header's minTime.
 */
final class XorStreamWriter {
    private int count;
    private long lastTimestamp;
    private long lastDelta;
    private final XorValueWriter values = new XorValueWriter();

    void append(BitWriter out, long timestamp, double value) {
        long bits = Double.doubleToRawLongBits(value);
        if (count == 0) {
            out.writeBits(bits, 64);
            values.start(bits);
        } else {
            long delta = timestamp - lastTimestamp;
            TimestampDeltas.write(out, delta - lastDelta);
            lastDelta = delta;
            values.write(out, bits);
        }
        lastTimestamp = timestamp;
        count++;
    }
}
