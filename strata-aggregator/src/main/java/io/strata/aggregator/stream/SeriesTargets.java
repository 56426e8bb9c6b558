package io.strata.aggregator.stream;

import io.strata.aggregator.rules.SeriesRoute;

/** What one input series feeds under one setup generation. Immutable; its windows lock themselves. */
record SeriesTargets(long generation, SeriesRoute route, MappingWindows[] mappings, RollupInput[] rollups) {
    boolean aggregates() {
        return mappings.length > 0 || rollups.length > 0;
    }
}
