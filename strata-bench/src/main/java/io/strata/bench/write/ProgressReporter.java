package io.strata.bench.write;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Prints a progress line to stderr every few seconds while the senders run: samples sent, the
 * rate over the last period and overall, requests, retries and errors. Runs on its own named
 * daemon thread; {@link #stop()} stops it.
 */
final class ProgressReporter {
    private final WriteStats stats;
    private final PrintStream err;
    private final long periodNanos;
    private final long plannedSamples;
    private final Thread thread;
    private final long startNanos = System.nanoTime();
    private volatile boolean running = true;

    ProgressReporter(WriteStats stats, PrintStream err, long periodMillis, long plannedSamples) {
        this.stats = stats;
        this.err = err;
        this.periodNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis);
        this.plannedSamples = plannedSamples;
        this.thread = Thread.ofPlatform().name("bench-progress").daemon().start(this::loop);
    }

    private void loop() {
        long lastSamples = 0;
        long lastNanos = startNanos;
        while (running) {
            try {
                Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(periodNanos)));
            } catch (InterruptedException e) {
                return;
            }
            if (!running) {
                return;
            }
            long now = System.nanoTime();
            long samples = stats.samplesSent.sum();
            double recent = (samples - lastSamples) / ((now - lastNanos) / 1e9);
            double overall = samples / ((now - startNanos) / 1e9);
            err.printf(Locale.ROOT, "[%6.1fs] %s samples (%.0f%%)  %s/s now  %s/s avg  %s requests  %s retries  %s errors%n",
                    (now - startNanos) / 1e9,
                    Numbers.count(samples),
                    plannedSamples == 0 ? 100.0 : 100.0 * samples / plannedSamples,
                    Numbers.rate(recent),
                    Numbers.rate(overall),
                    Numbers.count(stats.requestsSent.sum()),
                    Numbers.count(stats.retries.sum()),
                    Numbers.count(stats.errors()));
            lastSamples = samples;
            lastNanos = now;
        }
    }

    /** Stops printing; waits for the reporter thread so no line comes after the summary. */
    void stop() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
    }
}
