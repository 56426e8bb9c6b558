package io.strata.aggregator.stream;

import io.strata.aggregator.policy.NamespaceSpec;
import io.strata.storage.Storage;

/**
 * An aggregated namespace as the aggregator writes to it: its spec and the store behind it. The
 * store is swapped when a reload reopens the namespace with a changed spec; windows in flight keep
 * their handle, so they land in the new store.
 */
public final class AggregatedNamespace {
    private volatile NamespaceSpec spec;
    private volatile Storage storage;

    public AggregatedNamespace(NamespaceSpec spec, Storage storage) {
        if (spec.isRaw()) {
            throw new IllegalArgumentException("namespace " + spec.name() + " is raw, not aggregated");
        }
        this.spec = spec;
        this.storage = storage;
    }

    public NamespaceSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    public long resolutionMillis() {
        return spec.resolutionMillis();
    }

    public long latenessMillis() {
        return spec.latenessMillis();
    }

    public Storage storage() {
        return storage;
    }

    /** Points the handle at a reopened store; the resolution must not change (windows are cut by it). */
    public void replace(NamespaceSpec newSpec, Storage newStorage) {
        if (newSpec.resolutionMillis() != spec.resolutionMillis()) {
            throw new IllegalArgumentException("namespace " + spec.name() + " cannot change its resolution in place");
        }
        this.spec = newSpec;
        this.storage = newStorage;
    }
}
