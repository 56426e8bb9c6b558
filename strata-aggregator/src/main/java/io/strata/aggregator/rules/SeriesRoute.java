package io.strata.aggregator.rules;

import java.util.List;

/**
 * Where the samples of one input series go. Computed once per series by a {@link SeriesRouter}
 * and cached by the caller until the rules change.
 *
 * @param storeRaw whether the raw namespace stores the series (false when a drop rule says so)
 * @param mappings aggregated copies of the series, at most one per (namespace, aggregation)
 * @param rollups rollups the series feeds
 */
public record SeriesRoute(boolean storeRaw, List<MappingTarget> mappings, List<RollupTarget> rollups) {
    public static final SeriesRoute RAW_ONLY = new SeriesRoute(true, List.of(), List.of());

    public SeriesRoute {
        mappings = List.copyOf(mappings);
        rollups = List.copyOf(rollups);
    }

    /** Whether any aggregated namespace takes the series. */
    public boolean aggregates() {
        return !mappings.isEmpty() || !rollups.isEmpty();
    }
}
