package io.strata.bench.write;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One connection's loop: takes the next request of its shard, POSTs it, retries 5xx, 429 and
 * transport errors with exponential backoff (honouring Retry-After), and gives up on other 4xx.
 * One request in flight per connection keeps each series' samples in order. Bounded by its source,
 * by the shared request budget ({@code --max-requests}) and by {@code maxRetries} per request.
 */
final class ConnectionSender implements Runnable {
    private static final long FIRST_BACKOFF_MILLIS = 50;
    private static final long MAX_BACKOFF_MILLIS = 5_000;
    private static final long MAX_RETRY_AFTER_MILLIS = 30_000;

    private final int connection;
    private final RequestSource source;
    private final RemoteWriteHttpClient client;
    private final WriteStats stats;
    private final SkewGate gate;
    private final AtomicLong requestBudget;
    private final int maxRetries;
    private final boolean expectWrittenHeader;
    private final LatencyHistogram latencies = new LatencyHistogram();
    private volatile Throwable failure;

    /**
     * @param gate null when connections need not be kept in step (live mode follows the clock)
     * @param expectWrittenHeader remote write 2.0: count as sent only what the receiver confirms
     */
    ConnectionSender(int connection, RequestSource source, RemoteWriteHttpClient client, WriteStats stats,
            SkewGate gate, AtomicLong requestBudget, int maxRetries, boolean expectWrittenHeader) {
        this.connection = connection;
        this.source = source;
        this.client = client;
        this.stats = stats;
        this.gate = gate;
        this.requestBudget = requestBudget;
        this.maxRetries = maxRetries;
        this.expectWrittenHeader = expectWrittenHeader;
    }

    @Override
    public void run() {
        try {
            for (EncodedRequest r = source.next(); r != null; r = source.next()) {
                if (requestBudget.getAndDecrement() <= 0) {
                    return;
                }
                if (gate != null) {
                    gate.advance(connection, r.firstTimestamp());
                }
                send(r);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | Error e) {
            failure = e;
        } finally {
            if (gate != null) {
                gate.finish(connection);
            }
        }
    }

    private void send(EncodedRequest r) throws InterruptedException {
        long backoff = FIRST_BACKOFF_MILLIS;
        for (int attempt = 0; ; attempt++) {
            long wait;
            long start = System.nanoTime();
            try {
                RemoteWriteHttpClient.Response response = client.post(r.body(), r.length());
                latencies.record((System.nanoTime() - start) / 1_000);
                if (response.isSuccess()) {
                    if (!expectWrittenHeader) {
                        stats.accepted(r, r.samples());
                    } else if (response.samplesWritten().isPresent()) {
                        stats.accepted(r, Math.min(r.samples(), response.samplesWritten().getAsLong()));
                    } else {
                        stats.unconfirmed(r);
                    }
                    return;
                }
                stats.error(Integer.toString(response.status()), "HTTP " + response.status() + " " + response.body());
                if (!response.isRetryable()) {
                    stats.failed(r);
                    return;
                }
                wait = Math.min(MAX_RETRY_AFTER_MILLIS, Math.max(backoff, response.retryAfterMillis().orElse(0)));
            } catch (IOException e) {
                stats.error("io", e.getClass().getSimpleName() + ": " + e.getMessage());
                wait = backoff;
            }
            if (attempt >= maxRetries) {
                stats.failed(r);
                return;
            }
            stats.retries.increment();
            Thread.sleep(wait);
            backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
        }
    }

    LatencyHistogram latencies() {
        return latencies;
    }

    /** An unexpected exception that stopped this sender, or null. */
    Throwable failure() {
        return failure;
    }
}
