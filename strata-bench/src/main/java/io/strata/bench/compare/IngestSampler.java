package io.strata.bench.compare;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Reads a running total of accepted samples once a second on its own thread and keeps the
 * increase of each second: the ingest-rate-over-time chart. Seconds before the first accepted
 * sample (the load generator still encoding its requests) are dropped. Bounded: at most
 * {@link #MAX_SECONDS} points are kept.
 */
final class IngestSampler implements AutoCloseable {
    static final int MAX_SECONDS = 24 * 3600;

    private final LongSupplier total;
    private final Thread thread;
    private final double[] perSecond = new double[MAX_SECONDS];
    private volatile int size;
    private volatile boolean stopped;
    /** Written by the sampling thread, read by {@link #stop()} after joining it. */
    private long previous;
    private long previousNanos;
    private boolean started;

    IngestSampler(LongSupplier total) {
        this.total = total;
        this.thread = Thread.ofPlatform().daemon().name("bench-compare-ingest-sampler").start(this::sample);
    }

    private void sample() {
        previousNanos = System.nanoTime();
        long next = previousNanos + 1_000_000_000L;
        while (!stopped && size < MAX_SECONDS) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            next += 1_000_000_000L;
            long now = total.getAsLong();
            if (started || now > 0) {
                started = true;
                perSecond[size] = now - previous;
                size = size + 1;
            }
            previous = now;
            previousNanos = System.nanoTime();
        }
    }

    /**
     * Stops sampling and returns the rate of each second; the last, partial second is scaled to a
     * rate, so a backfill shorter than a second still gives one point.
     */
    double[] stop() throws InterruptedException {
        if (!stopped) {
            stopped = true;
            thread.interrupt();
            thread.join();
            long now = total.getAsLong();
            double seconds = (System.nanoTime() - previousNanos) / 1e9;
            if (now > previous && seconds > 0.01 && size < MAX_SECONDS) {
                perSecond[size] = (now - previous) / seconds;
                size = size + 1;
            }
        }
        return Arrays.copyOf(perSecond, size);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
