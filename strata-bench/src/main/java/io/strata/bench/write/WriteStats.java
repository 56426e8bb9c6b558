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
    private final Map<String, LongAdder> errorsByStatus = new ConcurrentHashMap<>();
    private final AtomicBoolean firstErrorPrinted = new AtomicBoolean();
    private final PrintStream err;

    WriteStats(PrintStream err) {
        this.err = err;
    }

    void accepted(EncodedRequest r) {
        samplesSent.add(r.samples());
        requestsSent.increment();
        bytesSent.add(r.length());
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
