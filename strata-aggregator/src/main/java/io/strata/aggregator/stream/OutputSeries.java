package io.strata.aggregator.stream;

import io.strata.model.Labels;
import io.strata.storage.Storage;

/**
 * One series the aggregator writes: its namespace, its labels, and the ref its namespace's store
 * gave it, so that windows after the first are appended by ref instead of by labels (a hash lookup
 * of every label per window otherwise). The ref is remembered with the store it belongs to: a
 * reload that reopens the namespace makes it stale, and it is looked up again.
 */
public final class OutputSeries {
    private final AggregatedNamespace namespace;
    private final Labels labels;
    private volatile long ref;
    private volatile Storage refStore;

    OutputSeries(AggregatedNamespace namespace, Labels labels) {
        this.namespace = namespace;
        this.labels = labels;
    }

    public AggregatedNamespace namespace() {
        return namespace;
    }

    public Labels labels() {
        return labels;
    }

    /** The ref in {@code store}, or 0 when none is known for it. */
    long refIn(Storage store) {
        return refStore == store ? ref : 0;
    }

    void remember(Storage store, long newRef) {
        this.ref = newRef;
        this.refStore = store;
    }
}
