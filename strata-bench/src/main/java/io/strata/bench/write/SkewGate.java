package io.strata.bench.write;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Keeps the connections of a backfill within {@code maxSkew} of sample time of each other.
 * Receivers accept in-order samples only within a window behind their newest sample (Prometheus:
 * an hour behind its head), so a fast connection racing hours ahead would make a slow one's
 * samples too old. The slowest connection never waits, so the gate cannot deadlock.
 */
final class SkewGate {
    private final AtomicLongArray positions;
    private final long maxSkewMillis;

    SkewGate(int connections, long startTimestamp, long maxSkewMillis) {
        this.positions = new AtomicLongArray(connections);
        for (int i = 0; i < connections; i++) {
            positions.set(i, startTimestamp);
        }
        this.maxSkewMillis = maxSkewMillis;
    }

    /** Records that {@code connection} is about to send samples from {@code timestamp}; waits while it is too far ahead. */
    void advance(int connection, long timestamp) throws InterruptedException {
        positions.set(connection, timestamp);
        // Bounded: each sleep lets the slowest connection progress, and it never waits here.
        while (timestamp - slowest() > maxSkewMillis) {
            Thread.sleep(1);
        }
    }

    /** A finished connection no longer holds the others back. */
    void finish(int connection) {
        positions.set(connection, Long.MAX_VALUE);
    }

    private long slowest() {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < positions.length(); i++) {
            min = Math.min(min, positions.get(i));
        }
        return min;
    }
}
