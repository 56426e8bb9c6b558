package io.strata.tsdb.head;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The head queriers that are open, with the epoch they opened in, so that a block cut drops head
 * data only once no querier that might miss the new block still reads it (Prometheus's
 * "wait for pending readers" before truncating the head).
 *
 * <p>The TSDB opens a head querier before it takes its list of blocks. A cut publishes its blocks,
 * then advances the epoch: a querier from an older epoch may hold a block list without the new
 * blocks, so the cut waits for those that read before the boundary; newer queriers see the blocks.
 */
final class OpenQueriers {
    private static final Logger LOG = LoggerFactory.getLogger(OpenQueriers.class);
    private final AtomicLong epoch = new AtomicLong();
    private final ConcurrentHashMap<HeadQuerier, Long> open = new ConcurrentHashMap<>();

    long epoch() {
        return epoch.get();
    }

    long advanceEpoch() {
        return epoch.incrementAndGet();
    }

    /** The epoch of the oldest open querier, or {@code Long.MAX_VALUE} when none is open. */
    long oldestEpoch() {
        long oldest = Long.MAX_VALUE;
        for (long e : open.values()) {
            oldest = Math.min(oldest, e);
        }
        return oldest;
    }

    void opened(HeadQuerier q) {
        open.put(q, epoch.get());
    }

    void closed(HeadQuerier q) {
        open.remove(q);
    }

    /**
     * Waits until no querier opened before {@code epoch} with a range starting before
     * {@code boundary} is open, at most {@code limit}; a leaked querier only delays a cut.
     */
    void awaitOlderThan(long epoch, long boundary, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (blocking(epoch, boundary)) {
            if (System.nanoTime() - deadline > 0) {
                LOG.warn("head queriers opened before a block cut are still open after {}; truncating anyway,"
                        + " they may miss samples before {}", limit, boundary);
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
    }

    private boolean blocking(long epoch, long boundary) {
        for (var e : open.entrySet()) {
            if (e.getValue() < epoch && e.getKey().minTime < boundary) {
                return true;
            }
        }
        return false;
    }
}
