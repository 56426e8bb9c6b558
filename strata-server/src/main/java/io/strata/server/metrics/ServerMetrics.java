package io.strata.server.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import io.strata.server.http.RequestObserver;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;

/**
 * The server's own metrics, served at {@code /metrics}: HTTP requests by handler and code, their
 * latency, and JVM basics. Subsystems add callback metrics reading their own counters (see
 * {@link #registry()}), so nothing is counted twice and scrapes cost no locks on hot paths.
 */
public final class ServerMetrics implements RequestObserver {
    /** From 1 ms to 1 minute: reads are milliseconds, big remote writes and admin calls seconds. */
    private static final double[] LATENCY_BUCKETS = {
        0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
    };

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram duration;

    public ServerMetrics(String version, String revision) {
        requests = Counter.builder()
                .name("strata_http_requests_total")
                .help("HTTP requests answered, by route pattern and status code.")
                .labelNames("handler", "code")
                .register(registry);
        duration = Histogram.builder()
                .name("strata_http_request_duration_seconds")
                .help("Time from a request being fully received to its response being ready, by route pattern.")
                .unit(Unit.SECONDS)
                .labelNames("handler")
                .classicOnly()
                .classicUpperBounds(LATENCY_BUCKETS)
                .register(registry);
        GaugeWithCallback.builder()
                .name("strata_build_info")
                .help("Always 1; the labels say which build is running.")
                .labelNames("version", "revision")
                .callback(cb -> cb.call(1, version, revision))
                .register(registry);
        registerJvm();
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void observe(String handler, int status, long nanos) {
        requests.labelValues(handler, Integer.toString(status)).inc();
        duration.labelValues(handler).observe(nanos / 1e9);
    }

    private void registerJvm() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        GaugeWithCallback.builder()
                .name("jvm_memory_used_bytes")
                .help("Used JVM memory by area.")
                .labelNames("area")
                .callback(cb -> {
                    cb.call(memory.getHeapMemoryUsage().getUsed(), "heap");
                    cb.call(memory.getNonHeapMemoryUsage().getUsed(), "nonheap");
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("jvm_memory_max_bytes")
                .help("Maximum JVM memory by area, -1 when unbounded.")
                .labelNames("area")
                .callback(cb -> {
                    cb.call(memory.getHeapMemoryUsage().getMax(), "heap");
                    cb.call(memory.getNonHeapMemoryUsage().getMax(), "nonheap");
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("jvm_threads_current")
                .help("Live platform threads (virtual threads are not counted).")
                .callback(cb -> cb.call(threads.getThreadCount()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("process_start_time_seconds")
                .help("Start time of the process since the Unix epoch.")
                .callback(cb -> cb.call(ManagementFactory.getRuntimeMXBean().getStartTime() / 1000.0))
                .register(registry);
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            CounterWithCallback.builder()
                    .name("process_cpu_seconds_total")
                    .help("CPU time used by the process.")
                    .callback(cb -> cb.call(os.getProcessCpuTime() / 1e9))
                    .register(registry);
        }
    }
}
