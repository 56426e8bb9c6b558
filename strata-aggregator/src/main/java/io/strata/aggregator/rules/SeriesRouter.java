package io.strata.aggregator.rules;

import io.strata.model.Labels;

/**
 * Decides, from its labels alone, where a series goes. Implementations are immutable and
 * thread-safe; the same labels always give an equal route, so callers may cache routes per series
 * until they are handed a new router (a configuration reload).
 */
@FunctionalInterface
public interface SeriesRouter {
    SeriesRoute route(Labels series);
}
