package io.strata.bench.write;

import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters shared by the sending threads and read by the progress reporter. Updated once per
 * HTTP attempt (hundreds per second), so {@link LongAdder}s are plenty; latencies are kept per
 * thread in {@link LatencyHistogram}s and merged at the end.
 */
final class WriteStats {
    private static final int ERROR_BODY_CHARS = 1_000;

    final LongAdder samplesSent = new LongAdder();
    final LongAdder requestsSent = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder failedRequests = new LongAdder();
    final LongAdder failedSamples = new LongAdder();
    final LongAdder lateTicks = new LongAdder();
    /** Remote write 2.0: samples answered 2xx that the receiver did not confirm as written. */
    final LongAdder unconfirmedSamples = new LongAdder();
    private final AtomicBoolean unconfirmedWarned = new AtomicBoolean();
    private final Map<String, LongAdder> errorsByStatus = new ConcurrentHashMap<>();
    private final AtomicBoolean firstErrorPrinted = new AtomicBoolean();
    private final PrintStream err;

    WriteStats(PrintStream err) {
        this.err = err;
    }

    /** A 2xx answer to a request of which the receiver wrote {@code written} samples. */
    void accepted(EncodedRequest r, long written) {
        samplesSent.add(written);
        requestsSent.increment();
        bytesSent.add(r.length());
        if (written < r.samples()) {
            unconfirmedSamples.add(r.samples() - written);
        }
    }

    /**
     * A remote write 2.0 receiver answered 2xx without saying how many samples it wrote. A 1.x
     * receiver (Prometheus before 2.54, VictoriaMetrics) parses a 2.0 body as an empty 1.0
     * request and answers 204 having stored nothing; the specification has senders detect that
     * by the missing header.
     */
    void unconfirmed(EncodedRequest r) {
        requestsSent.increment();
        bytesSent.add(r.length());
        unconfirmedSamples.add(r.samples());
        if (unconfirmedWarned.compareAndSet(false, true)) {
            err.println("warning: the receiver answered a remote write 2.0 request with 2xx but without "
                    + "X-Prometheus-Remote-Write-Samples-Written; it probably does not support 2.0 and stored nothing "
                    + "(use --protocol 1). Such samples are counted as unconfirmed.");
        }
    }

    /** Counts one failed attempt by its status ("503", "io", ...) and prints the first error body. */
    void error(String status, String detail) {
        errorsByStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
        if (firstErrorPrinted.compareAndSet(false, true)) {
            String shown = detail.length() > ERROR_BODY_CHARS ? detail.substring(0, ERROR_BODY_CHARS) + "..." : detail;
            err.println("first error: " + status + ": " + shown.strip());
        }
    }

    void failed(EncodedRequest r) {
        failedRequests.increment();
        failedSamples.add(r.samples());
    }

    long errors() {
        long n = 0;
        for (LongAdder a : errorsByStatus.values()) {
            n += a.sum();
        }
        return n;
    }

    /** Errors per status, sorted by status. */
    Map<String, Long> errorsByStatus() {
        Map<String, Long> m = new TreeMap<>();
        errorsByStatus.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
