package io.strata.server.metrics;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.strata.server.namespaces.NamespacedStorage;
import io.strata.storage.Storage;
import io.strata.tsdb.Tsdb;

/** Registers the metrics of whichever storage the server opened. */
public final class StorageMetrics {
    private StorageMetrics() {}

    public static void register(PrometheusRegistry registry, Storage storage) {
        if (storage instanceof NamespacedStorage namespaced) {
            registry.register(new TsdbCollector(namespaced.rawTsdb()));
            AggregatorCollector.register(registry, namespaced);
            return;
        }
        if (storage instanceof Tsdb tsdb) {
            registry.register(new TsdbCollector(tsdb));
            return;
        }
        // Another store (a test fake, later a remote one) reports at least its series count.
        GaugeWithCallback.builder()
                .name("strata_head_series")
                .help("Series in the head.")
                .callback(cb -> cb.call(storage.cardinality(1).numSeries()))
                .register(registry);
    }
}
