package io.strata.aggregator.stream;

import io.strata.storage.Storage;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the windows that closed while a batch was aggregated and writes them to their
 * namespaces with one commit per namespace. Windows are rare next to samples (one per series and
 * resolution), so a plain list is fine. Used by one thread.
 */
final class EmitBuffer implements WindowOutput {
    private static final Logger LOG = LoggerFactory.getLogger(EmitBuffer.class);

    private record Window(OutputSeries series, long time, double value) {}

    private final List<Window> windows = new ArrayList<>();
    private final AggregatorMetrics metrics;

    EmitBuffer(AggregatorMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void emit(OutputSeries series, long time, double value) {
        windows.add(new Window(series, time, value));
    }

    /** Writes and commits everything collected, then empties the buffer. */
    void flush() {
        if (windows.isEmpty()) {
            return;
        }
        Map<AggregatedNamespace, List<Window>> byNamespace = new IdentityHashMap<>();
        for (Window w : windows) {
            byNamespace.computeIfAbsent(w.series.namespace(), ns -> new ArrayList<>()).add(w);
        }
        for (Map.Entry<AggregatedNamespace, List<Window>> e : byNamespace.entrySet()) {
            try {
                Storage store = e.getKey().storage();
                Appender a = store.appender();
                int written = 0;
                for (Window w : e.getValue()) {
                    long ref = w.series.refIn(store);
                    AppendStatus status = ref == 0 ? AppendStatus.UNKNOWN_SERIES : a.appendByRef(ref, w.time, w.value);
                    if (status == AppendStatus.UNKNOWN_SERIES) {
                        status = a.append(0, w.series.labels(), w.time, w.value);
                    }
                    if (status == AppendStatus.OK) {
                        w.series.remember(store, a.lastRef());
                        written++;
                    } else {
                        metrics.windowRejected(status);
                    }
                }
                a.commit();
                metrics.windowsWritten.add(written);
            } catch (RuntimeException ex) {
                // The inputs are durable in the raw namespace; a restart rebuilds these windows.
                metrics.windowCommitFailures.increment();
                LOG.warn("cannot write {} aggregated windows to namespace {}: {}", e.getValue().size(), e.getKey().name(),
                        ex.getMessage());
            }
        }
        windows.clear();
    }
}
