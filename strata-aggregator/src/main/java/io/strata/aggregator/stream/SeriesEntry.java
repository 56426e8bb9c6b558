package io.strata.aggregator.stream;

import io.strata.model.Labels;

/**
 * One input series as the downsampling store knows it: its labels, its ref in the raw store, and
 * the windows it feeds. Refs handed to callers are the entry's id with {@link #REF_BIT} set, so
 * they are never mistaken for raw refs (which callers may still hold from before namespaces were
 * configured).
 */
final class SeriesEntry {
    static final long REF_BIT = 1L << 62;

    final int id;
    final Labels labels;
    volatile long rawRef;
    /** Ref in the input store, for series a drop rule keeps out of raw. */
    volatile long inputRef;
    volatile SeriesTargets targets;
    volatile long lastWallMillis;

    SeriesEntry(int id, Labels labels) {
        this.id = id;
        this.labels = labels;
    }

    long ref() {
        return REF_BIT | id;
    }
}
