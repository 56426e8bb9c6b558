package io.strata.server.metrics;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.strata.aggregator.stream.AggregatorMetrics;
import io.strata.server.namespaces.NamespaceStatus;
import io.strata.server.namespaces.NamespacedStorage;
import io.strata.storage.AppendStatus;
import java.util.Locale;

/** The streaming aggregator's and the namespaces' metrics on {@code /metrics}. */
final class AggregatorCollector {
    private AggregatorCollector() {}

    static void register(PrometheusRegistry registry, NamespacedStorage storage) {
        AggregatorMetrics m = storage.aggregatorMetrics();
        CounterWithCallback.builder()
                .name("strata_aggregator_samples_total")
                .help("Input samples added to at least one aggregation window.")
                .callback(cb -> cb.call(m.samplesAggregated.sum()))
                .register(registry);
        CounterWithCallback.builder()
                .name("strata_aggregator_samples_too_late_total")
                .help("Input samples whose window had been written already (later than the lateness allows).")
                .callback(cb -> cb.call(m.samplesTooLate.sum()))
                .register(registry);
        CounterWithCallback.builder()
                .name("strata_aggregator_windows_written_total")
                .help("Aggregation windows written to their namespace.")
                .callback(cb -> cb.call(m.windowsWritten.sum()))
                .register(registry);
        CounterWithCallback.builder()
                .name("strata_aggregator_windows_rejected_total")
                .help("Aggregation windows their namespace refused, by reason.")
                .labelNames("reason")
                .callback(cb -> {
                    for (AppendStatus s : AppendStatus.values()) {
                        if (s != AppendStatus.OK) {
                            cb.call(m.windowsRejected(s), s.name().toLowerCase(Locale.ROOT));
                        }
                    }
                })
                .register(registry);
        CounterWithCallback.builder()
                .name("strata_aggregator_window_write_failures_total")
                .help("Batches of windows that could not be written (the namespace's WAL failed).")
                .callback(cb -> cb.call(m.windowCommitFailures.sum()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("strata_aggregator_tracked_series")
                .help("Input series the aggregator holds windows or state for.")
                .callback(cb -> cb.call(storage.downsampling().trackedSeries()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("strata_namespace_head_series")
                .help("Series in the head of each namespace.")
                .labelNames("namespace", "policy")
                .callback(cb -> {
                    for (NamespaceStatus s : storage.namespaces()) {
                        cb.call(s.headSeries(), s.spec().name(), s.spec().policy().toString());
                    }
                })
                .register(registry);
    }
}
