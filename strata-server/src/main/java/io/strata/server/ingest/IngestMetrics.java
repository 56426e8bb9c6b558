package io.strata.server.ingest;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.strata.ingest.remotewrite.RejectionCounters;
import io.strata.ingest.remotewrite.RejectionReason;

/**
 * Exports remote write's {@link RejectionCounters} as counters read at scrape time. Rejections are
 * split by what they count: whole requests ({@code strata_ingest_rejected_requests_total}) or
 * samples ({@code strata_ingest_rejected_samples_total}), each labelled with the reason.
 */
public final class IngestMetrics {
    private IngestMetrics() {}

    public static void register(PrometheusRegistry registry, RejectionCounters counters) {
        CounterWithCallback.builder()
                .name("strata_ingest_rejected_samples_total")
                .help("Samples not stored, by reason (a series rejected for its labels counts its samples).")
                .labelNames("reason")
                .callback(cb -> counters.forEach((reason, n) -> {
                    if (reason.scope() != RejectionReason.Scope.REQUEST) {
                        cb.call(n, reason.label());
                    }
                }))
                .register(registry);
        CounterWithCallback.builder()
                .name("strata_ingest_rejected_requests_total")
                .help("Remote-write requests refused whole, by reason.")
                .labelNames("reason")
                .callback(cb -> counters.forEach((reason, n) -> {
                    if (reason.scope() == RejectionReason.Scope.REQUEST) {
                        cb.call(n, reason.label());
                    }
                }))
                .register(registry);
        CounterWithCallback.builder()
                .name("strata_ingest_samples_total")
                .help("Samples stored through remote write.")
                .callback(cb -> cb.call(counters.samplesAccepted()))
                .register(registry);
        CounterWithCallback.builder()
                .name("strata_ingest_requests_total")
                .help("Remote-write requests handled, whatever their outcome.")
                .callback(cb -> cb.call(counters.requests()))
                .register(registry);
        CounterWithCallback.builder()
                .name("strata_ingest_exemplars_ignored_total")
                .help("Exemplars received and dropped: there is no exemplar storage yet.")
                .callback(cb -> cb.call(counters.exemplarsIgnored()))
                .register(registry);
        CounterWithCallback.builder()
                .name("strata_ingest_metadata_updates_total")
                .help("Metric metadata entries (type, help, unit) received.")
                .callback(cb -> cb.call(counters.metadataUpdates()))
                .register(registry);
    }
}
