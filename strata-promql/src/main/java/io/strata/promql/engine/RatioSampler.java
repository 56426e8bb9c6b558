package io.strata.promql.engine;

import io.strata.model.Labels;

/**
 * Which series {@code limit_ratio(r, ...)} keeps: a series' label hash, scaled to [0, 1), is
 * compared with the ratio, so the choice is stable across steps and queries, and
 * {@code limit_ratio(r, x)} and {@code limit_ratio(-(1-r), x)} are complements.
 */
final class RatioSampler {
    private RatioSampler() {
    }

    static boolean keep(double ratio, Labels labels) {
        double offset = unsignedToUnit(labels.hash64());
        return ratio >= 0 ? offset < ratio : offset >= 1.0 + ratio;
    }

    private static double unsignedToUnit(long hash) {
        // (hash >>> 11) has 53 significant bits: an exact double in [0, 2^53).
        return (hash >>> 11) * 0x1.0p-53;
    }
}
