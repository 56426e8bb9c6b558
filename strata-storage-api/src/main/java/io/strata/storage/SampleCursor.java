package io.strata.storage;

/**
 * Iterates the samples of one series in ascending timestamp order, without allocating.
 *
 * <p>Contract (Lucene {@code DocIdSetIterator} style):
 * <ul>
 *   <li>Before the first {@link #next()} or {@link #seek(long)}, {@link #timestamp()} and
 *       {@link #value()} are undefined.
 *   <li>{@code next()} and {@code seek()} return the kind of the sample now under the cursor,
 *       or {@link #NONE} when exhausted; after {@code NONE} every further call returns {@code NONE}.
 *   <li>{@code seek(t)} moves to the first sample with timestamp {@code >= t}; it never moves
 *       backwards: if the current sample already satisfies it, it stays.
 *   <li>Timestamps strictly increase.
 * </ul>
 * A cursor is used by one thread. It may read memory-mapped or pooled buffers that stay valid
 * only while the {@link Querier} that produced it is open.
 */
public interface SampleCursor {
    int NONE = 0;
    int FLOAT = 1;
    /** Reserved for native histograms; no storage produces it yet. */
    int HISTOGRAM = 2;

    /** Advances to the next sample and returns its kind, or {@link #NONE}. */
    int next();

    /** Advances to the first sample with timestamp {@code >= minTimestamp}; returns its kind or NONE. */
    int seek(long minTimestamp);

    /** Timestamp in milliseconds of the current sample. */
    long timestamp();

    /** Value of the current sample; valid only when the last call returned {@link #FLOAT}. */
    double value();

    /** A cursor over nothing. Stateless, so one instance serves everyone. */
    SampleCursor EMPTY = new SampleCursor() {
        @Override
        public int next() {
            return NONE;
        }

        @Override
        public int seek(long minTimestamp) {
            return NONE;
        }

        @Override
        public long timestamp() {
            throw new IllegalStateException("BUG: timestamp() on an empty cursor");
        }

        @Override
        public double value() {
            throw new IllegalStateException("BUG: value() on an empty cursor");
        }
    };
}
