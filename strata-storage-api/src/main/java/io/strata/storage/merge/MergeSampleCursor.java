package io.strata.storage.merge;

import io.strata.storage.SampleCursor;
import java.util.Arrays;

/**
 * Merges the cursors of one series coming from several sources (head and blocks, or blocks that
 * overlap) into one cursor in ascending timestamp order.
 *
 * <p>Equal timestamps are deduplicated: the sample of the source with the lowest index wins and
 * the others are skipped. Callers order their sources so that the most authoritative comes first
 * (the TSDB passes the head before the blocks, so the newest write wins when a late sample
 * disagrees with a block).
 *
 * <p>Made for a handful of sources: each step scans all of them, which beats a heap below about
 * eight inputs. Allocates nothing per sample; {@link #reset} lets one instance serve many series.
 * Not thread-safe.
 */
public final class MergeSampleCursor implements SampleCursor {
    private static final long EXHAUSTED = Long.MAX_VALUE;

    private SampleCursor[] inputs = new SampleCursor[2];
    /** Timestamp under each input, {@link #EXHAUSTED} when done; undefined before the first move. */
    private long[] heads = new long[2];
    private int[] kinds = new int[2];
    private int size;
    private boolean started;
    /** Index of the input whose sample is current, or -1 before the first move and when done. */
    private int current = -1;
    private boolean done;

    public MergeSampleCursor() {}

    /** A merging cursor over {@code cursors}, in priority order. */
    public static SampleCursor of(SampleCursor... cursors) {
        if (cursors.length == 1) {
            return cursors[0];
        }
        MergeSampleCursor c = new MergeSampleCursor();
        for (SampleCursor cursor : cursors) {
            c.add(cursor);
        }
        return c;
    }

    /** Removes all inputs so the instance can be refilled with {@link #add}; keeps its arrays. */
    public MergeSampleCursor reset() {
        Arrays.fill(inputs, 0, size, null);
        size = 0;
        started = false;
        done = false;
        current = -1;
        return this;
    }

    /** Adds the next input, lower priority than those added before. */
    public MergeSampleCursor add(SampleCursor cursor) {
        if (started) {
            throw new IllegalStateException("BUG: input added to a merge cursor that already moved");
        }
        if (size == inputs.length) {
            inputs = Arrays.copyOf(inputs, size * 2);
            heads = Arrays.copyOf(heads, size * 2);
            kinds = Arrays.copyOf(kinds, size * 2);
        }
        inputs[size++] = cursor;
        return this;
    }

    /** Number of inputs added since the last reset. */
    public int size() {
        return size;
    }

    /** The input at {@code i}, so a caller can offer it back as a reusable cursor. */
    public SampleCursor input(int i) {
        return inputs[i];
    }

    @Override
    public int next() {
        if (done) {
            return NONE;
        }
        if (!started) {
            started = true;
            for (int i = 0; i < size; i++) {
                move(i, inputs[i].next());
            }
        } else {
            advancePast(heads[current]);
        }
        return pickMin();
    }

    @Override
    public int seek(long minTimestamp) {
        if (done) {
            return NONE;
        }
        if (!started) {
            started = true;
            for (int i = 0; i < size; i++) {
                move(i, inputs[i].seek(minTimestamp));
            }
            return pickMin();
        }
        if (heads[current] >= minTimestamp) {
            return kinds[current];
        }
        for (int i = 0; i < size; i++) {
            if (heads[i] < minTimestamp) {
                move(i, inputs[i].seek(minTimestamp));
            }
        }
        return pickMin();
    }

    /** Moves every input sitting at {@code t} (the sample just consumed, and its duplicates). */
    private void advancePast(long t) {
        for (int i = 0; i < size; i++) {
            if (heads[i] == t) {
                move(i, inputs[i].next());
            }
        }
    }

    private void move(int i, int kind) {
        kinds[i] = kind;
        heads[i] = kind == NONE ? EXHAUSTED : inputs[i].timestamp();
    }

    private int pickMin() {
        int best = -1;
        long bestTs = EXHAUSTED;
        for (int i = 0; i < size; i++) {
            // Strictly less: on a tie the lower index, i.e. the higher priority source, wins.
            if (heads[i] < bestTs) {
                bestTs = heads[i];
                best = i;
            }
        }
        current = best;
        if (best < 0) {
            done = true;
            return NONE;
        }
        return kinds[best];
    }

    @Override
    public long timestamp() {
        return inputs[current].timestamp();
    }

    @Override
    public double value() {
        return inputs[current].value();
    }
}
