package io.strata.storage;

/** Something that can be queried: the head, a block, a whole database, a remote store. Thread-safe. */
public interface Queryable {
    /** Opens a querier over samples with {@code minTime <= t <= maxTime} (ms). */
    Querier querier(long minTime, long maxTime);
}
