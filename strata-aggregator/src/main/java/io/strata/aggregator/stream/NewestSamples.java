package io.strata.aggregator.stream;

import io.strata.model.Labels;

/**
 * The newest sample of every series a store's head holds (the TSDB's
 * {@code forEachNewestSample}): where each aggregated output resumes after a restart.
 */
@FunctionalInterface
public interface NewestSamples {
    void forEach(Visitor visitor);

    @FunctionalInterface
    interface Visitor {
        void visit(Labels series, long timestamp, double value);
    }
}
