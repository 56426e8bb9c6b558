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

    IngestSampler(LongSupplier total) {
        this.total = total;
        this.thread = Thread.ofPlatform().daemon().name("bench-compare-ingest-sampler").start(this::sample);
    }

    private void sample() {
        long previous = 0;
        boolean started = false;
        long next = System.nanoTime() + 1_000_000_000L;
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
            started |= now > 0;
            if (started) {
                perSecond[size] = now - previous;
                size = size + 1;
            }
            previous = now;
        }
    }

    /** Stops sampling and returns the samples of each whole second. */
    double[] stop() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join();
        return Arrays.copyOf(perSecond, size);
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
