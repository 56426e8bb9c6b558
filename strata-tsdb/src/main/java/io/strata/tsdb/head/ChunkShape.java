package io.strata.tsdb.head;

/**
 * How the head cuts its open chunks: at most {@code maxSamples} samples or {@code maxBytes} bytes,
 * and never across a multiple of {@code rangeMillis} (the block duration), so that a block cut at
 * such a boundary takes whole chunks.
 *
 * <p>Why 120 samples by default: the open chunk is the one part of a series on the heap, so it
 * must stay small (about 170 bytes at the typical 1.4 bytes a sample) for the head to stay under
 * its memory budget, while closed chunks cost 16 bytes of heap each (their ref), so they should
 * not be tiny either. 120 samples is 20 minutes at a 10 s interval: Prometheus's choice, for the
 * same reasons.
 */
record ChunkShape(long rangeMillis, int maxSamples, int maxBytes) {
    static final int DEFAULT_MAX_SAMPLES = 120;
    /** Lets a chunk of incompressible values (8+ bytes a sample) close early instead of growing. */
    static final int DEFAULT_MAX_BYTES = 1024;

    static ChunkShape of(long rangeMillis) {
        return new ChunkShape(rangeMillis, DEFAULT_MAX_SAMPLES, DEFAULT_MAX_BYTES);
    }

    /** The first multiple of the range after the one holding {@code t}. */
    long rangeEnd(long t) {
        return rangeStart(t) + rangeMillis;
    }

    /** The multiple of the range at or before {@code t}. */
    long rangeStart(long t) {
        return Math.floorDiv(t, rangeMillis) * rangeMillis;
    }
}
