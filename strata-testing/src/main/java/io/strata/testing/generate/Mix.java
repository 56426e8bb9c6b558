package io.strata.testing.generate;

/**
 * Stateless hashing used to derive every random choice of the generated datasets from a seed and
 * coordinates (host, series, time). Being stateless is what lets a value be computed for any
 * {@code (series, timestamp)} in any order, with no allocation and no shared mutable state.
 */
final class Mix {
    static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Mix() {}

    /** The SplitMix64 finaliser: a bijection with full avalanche, so neighbouring inputs decorrelate. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A key derived from a parent key and a coordinate; different coordinates give unrelated keys. */
    static long key(long parent, long coordinate) {
        return mix64(parent + (coordinate + 1) * GOLDEN);
    }

    /** A double uniformly distributed in [0, 1) from the top 53 bits of a hash. */
    static double unit(long hash) {
        return (hash >>> 11) * 0x1.0p-53;
    }

    /** A double uniformly distributed in [-1, 1). */
    static double signedUnit(long hash) {
        return unit(hash) * 2 - 1;
    }

    /** A double uniformly distributed in [min, max). */
    static double between(long hash, double min, double max) {
        return min + unit(hash) * (max - min);
    }
}
