package io.strata.encoding.chunk;

/**
 * Scratch arrays that the {@link IntColumnWriter}s of one encoder share: each needs them only
 * inside {@code choose}, and the writers choose one after another, so one pair serves them all.
 */
final class ColumnScratch {
    private long[] mapped = new long[0];
    private long[] sorted = new long[0];

    long[] mapped(int n) {
        if (mapped.length < n) {
            mapped = new long[n];
        }
        return mapped;
    }

    long[] sorted(int n) {
        if (sorted.length < n) {
            sorted = new long[n];
        }
        return sorted;
    }
}
