package io.strata.tsdb.head;

import io.strata.encoding.chunk.Chunks;
import io.strata.storage.SampleCursor;
import io.strata.storage.merge.MergeSampleCursor;
import io.strata.tsdb.block.Tombstones;

/**
 * Iterates a {@link SeriesSnapshot}: the closed chunks and the open chunk one after the other
 * (they never overlap), merged with the out-of-order samples, restricted to the snapshot's range
 * and with deleted intervals skipped. Reusable through {@link #reset}; allocates nothing per
 * sample.
 */
final class HeadSeriesCursor implements SampleCursor {
    private final ChunkChain chain = new ChunkChain();
    private final BufferCursor outOfOrder = new BufferCursor();
    private final MergeSampleCursor merge = new MergeSampleCursor();
    private SampleCursor source;
    private long mint;
    private long maxt;
    private long[] tombstones;
    private boolean started;
    private boolean done;

    HeadSeriesCursor reset(SeriesSnapshot snapshot) {
        chain.reset(snapshot);
        mint = snapshot.mint();
        maxt = snapshot.maxt();
        tombstones = snapshot.tombstones();
        if (snapshot.outOfOrder() == null) {
            source = chain;
        } else {
            outOfOrder.reset(snapshot.outOfOrder());
            // In-order chunks first: a timestamp in both (which appends prevent) keeps the chunk's value.
            source = merge.reset().add(chain).add(outOfOrder);
        }
        started = false;
        done = false;
        return this;
    }

    @Override
    public int next() {
        if (done) {
            return NONE;
        }
        int kind;
        if (!started) {
            started = true;
            kind = source.seek(mint);
        } else {
            kind = source.next();
        }
        return settle(kind);
    }

    @Override
    public int seek(long minTimestamp) {
        if (done) {
            return NONE;
        }
        started = true;
        return settle(source.seek(Math.max(minTimestamp, mint)));
    }

    /** Skips deleted samples and ends at the range's end. */
    private int settle(int kind) {
        while (kind != NONE) {
            long t = source.timestamp();
            if (t > maxt) {
                break;
            }
            if (tombstones == null || !Tombstones.isDeleted(tombstones, t)) {
                return kind;
            }
            kind = source.next();
        }
        done = true;
        return NONE;
    }

    @Override
    public long timestamp() {
        return source.timestamp();
    }

    @Override
    public double value() {
        return source.value();
    }

    /** The chunks of a snapshot, one after the other, as one cursor. */
    private static final class ChunkChain implements SampleCursor {
        private SeriesSnapshot snapshot;
        /** Index of the chunk under the cursor. */
        private int index;
        private SampleCursor current;
        private SampleCursor reusable;
        private boolean exhausted;

        void reset(SeriesSnapshot s) {
            snapshot = s;
            index = -1;
            current = null;
            exhausted = false;
        }

        /** Moves to chunk {@code index + 1} (the open chunk comes after the closed ones); false when there is none. */
        private boolean advanceChunk() {
            index++;
            int closed = snapshot.chunks().length;
            if (index < closed) {
                current = reusable = Chunks.cursor(snapshot.chunks()[index], reusable);
                return true;
            }
            if (index == closed && snapshot.open() != null) {
                current = reusable = snapshot.open().cursor(reusable);
                return true;
            }
            current = null;
            exhausted = true;
            return false;
        }

        @Override
        public int next() {
            if (exhausted) {
                return NONE;
            }
            if (current == null && !advanceChunk()) {
                return NONE;
            }
            int kind = current.next();
            while (kind == NONE) {
                if (!advanceChunk()) {
                    return NONE;
                }
                kind = current.next();
            }
            return kind;
        }

        @Override
        public int seek(long t) {
            if (exhausted) {
                return NONE;
            }
            if (current == null) {
                // Skip whole closed chunks that end before t without decoding them.
                int closed = snapshot.chunks().length;
                while (index + 1 < closed && Chunks.maxTime(snapshot.chunks()[index + 1]) < t) {
                    index++;
                }
                if (!advanceChunk()) {
                    return NONE;
                }
            }
            int kind = current.seek(t);
            while (kind == NONE) {
                int closed = snapshot.chunks().length;
                while (index + 1 < closed && Chunks.maxTime(snapshot.chunks()[index + 1]) < t) {
                    index++;
                }
                if (!advanceChunk()) {
                    return NONE;
                }
                kind = current.seek(t);
            }
            return kind;
        }

        @Override
        public long timestamp() {
            return current.timestamp();
        }

        @Override
        public double value() {
            return current.value();
        }
    }

    /** A cursor over an {@link OutOfOrderBuffer} copy. */
    private static final class BufferCursor implements SampleCursor {
        private OutOfOrderBuffer buffer;
        private int i;

        void reset(OutOfOrderBuffer b) {
            buffer = b;
            i = -1;
        }

        @Override
        public int next() {
            if (i < buffer.size()) {
                i++;
            }
            return i < buffer.size() ? FLOAT : NONE;
        }

        @Override
        public int seek(long t) {
            if (i < 0) {
                i = 0;
            }
            while (i < buffer.size() && buffer.timestamp(i) < t) {
                i++;
            }
            return i < buffer.size() ? FLOAT : NONE;
        }

        @Override
        public long timestamp() {
            return buffer.timestamp(i);
        }

        @Override
        public double value() {
            return buffer.value(i);
        }
    }
}
