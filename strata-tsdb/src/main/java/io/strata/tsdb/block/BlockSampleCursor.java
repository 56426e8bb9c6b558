package io.strata.tsdb.block;

import io.strata.encoding.chunk.Chunks;
import io.strata.storage.SampleCursor;

/**
 * Samples of one series of a block, across its chunks, restricted to the querier's closed range
 * {@code [minTime, maxTime]} and skipping tombstoned intervals. Chunks of a series in one block
 * never overlap, so this is a chain. Reusable through {@link #reset}; allocates nothing per sample
 * (one chunk cursor is recycled across chunks).
 */
final class BlockSampleCursor implements SampleCursor {
    private ChunksReader chunks;
    private long[] chunkOffsets;
    private int[] chunkLengths;
    private long[] chunkMinTimes;
    private long[] chunkMaxTimes;
    private int chunkCount;
    private long minTime;
    private long maxTime;
    private long[] deleted;

    private int nextChunk;
    private SampleCursor inner;
    private SampleCursor innerReuse;
    private int kind;
    private long timestamp;
    private boolean exhausted;

    BlockSampleCursor reset(BlockSeries series) {
        this.chunks = series.chunks;
        this.chunkOffsets = series.chunkOffsets;
        this.chunkLengths = series.chunkLengths;
        this.chunkMinTimes = series.chunkMinTimes;
        this.chunkMaxTimes = series.chunkMaxTimes;
        this.chunkCount = series.chunkOffsets.length;
        this.minTime = series.minTime;
        this.maxTime = series.maxTime;
        this.deleted = series.deleted;
        this.nextChunk = 0;
        this.inner = null;
        this.kind = NONE;
        this.exhausted = false;
        return this;
    }

    @Override
    public int next() {
        if (exhausted) {
            return NONE;
        }
        return settle(inner == null ? NONE : inner.next(), minTime);
    }

    @Override
    public int seek(long minTimestamp) {
        if (exhausted) {
            return NONE;
        }
        if (kind != NONE && timestamp >= minTimestamp) {
            return kind;
        }
        long lower = Math.max(minTimestamp, minTime);
        return settle(inner == null ? NONE : inner.seek(lower), lower);
    }

    /**
     * From the inner cursor's state {@code k}, moves to the first sample at or after {@code lower}
     * that is inside the range and not deleted, opening later chunks as needed.
     */
    private int settle(int k, long lower) {
        while (true) {
            if (k == NONE) {
                while (nextChunk < chunkCount && chunkMaxTimes[nextChunk] < lower) {
                    nextChunk++;
                }
                if (nextChunk >= chunkCount || chunkMinTimes[nextChunk] > maxTime) {
                    return exhaust();
                }
                innerReuse = Chunks.cursor(chunks.chunk(chunkOffsets[nextChunk], chunkLengths[nextChunk]), innerReuse);
                inner = innerReuse;
                nextChunk++;
                k = inner.seek(lower);
                continue;
            }
            long t = inner.timestamp();
            if (t < lower) {
                k = inner.seek(lower);
                continue;
            }
            if (t > maxTime) {
                return exhaust();
            }
            long deletedUntil = deletedUntil(t);
            if (deletedUntil != Long.MIN_VALUE) {
                if (deletedUntil == Long.MAX_VALUE) {
                    return exhaust();
                }
                lower = deletedUntil + 1;
                k = inner.seek(lower);
                continue;
            }
            timestamp = t;
            kind = k;
            return k;
        }
    }

    /** End of the deleted interval holding {@code t}, or {@link Long#MIN_VALUE} when {@code t} is kept. */
    private long deletedUntil(long t) {
        long[] d = deleted;
        if (d == null) {
            return Long.MIN_VALUE;
        }
        for (int i = 0; i < d.length; i += 2) {
            if (t < d[i]) {
                return Long.MIN_VALUE;
            }
            if (t <= d[i + 1]) {
                return d[i + 1];
            }
        }
        return Long.MIN_VALUE;
    }

    private int exhaust() {
        exhausted = true;
        kind = NONE;
        return NONE;
    }

    @Override
    public long timestamp() {
        return timestamp;
    }

    @Override
    public double value() {
        return inner.value();
    }
}
