package io.strata.encoding.chunk;

/**
 * Encodes finished chunks from arrays of samples, keeping its scratch space (about 100 bytes
 * per sample of the largest chunk seen) between calls. One per worker thread of a block writer
 * or compactor; not thread-safe. {@link Chunks#encode} is the one-shot form and
 * {@link ChunkAppender#finish(ChunkEncoder)} uses one for the open chunk.
 */
public final class ChunkEncoder {
    private final PackedChunkEncoder packed = new PackedChunkEncoder();
    private long[] timestamps = new long[0];
    private double[] values = new double[0];

    /**
     * Encodes {@code count} samples into a finished chunk.
     *
     * @throws IllegalArgumentException if timestamps do not strictly increase or {@code count}
     *     is outside [0, {@link ChunkFormat#MAX_SAMPLES}] or beyond the arrays
     */
    public byte[] encode(long[] timestamps, double[] values, int count) {
        if (count < 0 || count > ChunkFormat.MAX_SAMPLES || count > timestamps.length
                || count > values.length) {
            throw new IllegalArgumentException("count " + count + " outside [0, "
                    + Math.min(ChunkFormat.MAX_SAMPLES, Math.min(timestamps.length, values.length)) + "]");
        }
        for (int i = 1; i < count; i++) {
            if (timestamps[i] <= timestamps[i - 1]) {
                throw new IllegalArgumentException("timestamp " + timestamps[i] + " at index " + i
                        + " does not follow " + timestamps[i - 1]);
            }
        }
        if (count == 0) {
            return new ChunkAppender().finish();
        }
        return packed.encode(timestamps, values, count);
    }

    /** Scratch arrays of at least {@code n} samples for {@link ChunkAppender} to decode into. */
    long[] timestamps(int n) {
        if (timestamps.length < n) {
            timestamps = new long[n];
        }
        return timestamps;
    }

    double[] values(int n) {
        if (values.length < n) {
            values = new double[n];
        }
        return values;
    }

    PackedChunkEncoder packed() {
        return packed;
    }
}
