package io.strata.tsdb;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.model.StrataException;
import io.strata.tsdb.head.Head;
import io.strata.tsdb.wal.WalRecordVisitor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Applies WAL records to the head at start-up, in parallel.
 *
 * <pre>
 *   replaying thread: read + decode ──┬─ series, tombstones, metadata: applied at once
 *                                      └─ samples: split by ref into W batches ──▶ worker w
 * </pre>
 *
 * Samples are the bulk (a 2h WAL of 100k series holds 72M) and applying one is dominated by
 * fetching its series from memory, so they are spread over one worker per core. A series always
 * goes to the same worker and each worker applies its batches in order, so every series sees its
 * samples in log order, as in a sequential replay. A series record is applied before any later
 * batch is handed over (the queue hand-off orders them), so workers always find the series.
 * Samples of refs the WAL never named (a series record lost to a repaired torn tail) are counted
 * and skipped.
 */
final class WalReplay implements WalRecordVisitor, AutoCloseable {
    /**
     * Samples per batch. Large, because a worker sorts each batch by series before applying it:
     * remote write puts one timestamp of thousands of series in a record, so in log order every
     * sample lands on a different, cold series and replay is bound by cache misses (measured:
     * 72M samples in 14-15 s). A quarter million samples gives each series several samples in a
     * row while its chunk is in cache. Memory: 6 MiB a batch, 7 batches and a scratch a worker.
     */
    private static final int BATCH = 1 << 18;
    /** Positions in a batch take this many low bits of a sort key; the ref takes the rest. */
    private static final int POSITION_BITS = 18;
    private static final long MAX_SORTABLE_REF = (1L << (63 - POSITION_BITS)) - 1;
    private static final Batch END = new Batch();

    private final Head head;
    private final Worker[] workers;
    private final Batch[] filling;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    long series;
    long samples;
    long tombstones;
    final AtomicLong unknownSamples = new AtomicLong();

    static final class Batch {
        final long[] refs = new long[BATCH];
        final long[] timestamps = new long[BATCH];
        final double[] values = new double[BATCH];
        int size;
    }

    private final class Worker extends Thread {
        final BlockingQueue<Batch> work = new ArrayBlockingQueue<>(4);
        final BlockingQueue<Batch> free = new ArrayBlockingQueue<>(6);
        final long[] sortKeys = new long[BATCH];
        final Batch sorted = new Batch();

        Worker(int i) {
            super("strata-tsdb-wal-replay-" + i);
            setDaemon(true);
            for (int k = 0; k < 6; k++) {
                free.add(new Batch());
            }
        }

        @Override
        public void run() {
            try {
                while (true) {
                    Batch b = work.take();
                    if (b == END) {
                        return;
                    }
                    if (failure.get() == null) {
                        Batch ordered = sortBySeries(b, sortKeys, sorted);
                        unknownSamples.addAndGet(
                                head.replaySamples(ordered.refs, ordered.timestamps, ordered.values, ordered.size));
                    }
                    b.size = 0;
                    free.put(b);
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
                // Keep draining so the replaying thread never blocks on a full queue.
                drain();
            }
        }

        private void drain() {
            while (true) {
                Batch b = work.poll();
                if (b == END) {
                    return;
                }
                if (b != null) {
                    b.size = 0;
                    free.offer(b);
                } else {
                    Thread.onSpinWait();
                }
            }
        }
    }

    /**
     * The batch's samples grouped by series, each series' samples still in log order (the sort key
     * is ref then position, so the sort is stable per series). Returns {@code b} itself when a ref
     * is too large to share a key with a position; order is then log order, which is correct, only
     * slower.
     */
    static Batch sortBySeries(Batch b, long[] keys, Batch out) {
        int n = b.size;
        for (int i = 0; i < n; i++) {
            long ref = b.refs[i];
            if (ref < 0 || ref > MAX_SORTABLE_REF) {
                return b;
            }
            keys[i] = (ref << POSITION_BITS) | i;
        }
        Arrays.sort(keys, 0, n);
        int mask = (1 << POSITION_BITS) - 1;
        for (int k = 0; k < n; k++) {
            int i = (int) (keys[k] & mask);
            out.refs[k] = b.refs[i];
            out.timestamps[k] = b.timestamps[i];
            out.values[k] = b.values[i];
        }
        out.size = n;
        return out;
    }

    WalReplay(Head head, int threads) {
        this.head = head;
        this.workers = new Worker[Math.max(1, threads)];
        this.filling = new Batch[workers.length];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i);
            workers[i].start();
            filling[i] = take(workers[i].free);
        }
    }

    @Override
    public void series(long[] refs, Labels[] labels, int count) {
        for (int i = 0; i < count; i++) {
            head.replaySeries(refs[i], labels[i]);
        }
        series += count;
    }

    @Override
    public void samples(long[] refs, long[] timestamps, double[] values, int count) {
        int w = workers.length;
        for (int i = 0; i < count; i++) {
            long ref = refs[i];
            int k = (int) Long.remainderUnsigned(ref, w);
            Batch b = filling[k];
            int n = b.size;
            b.refs[n] = ref;
            b.timestamps[n] = timestamps[i];
            b.values[n] = values[i];
            b.size = n + 1;
            if (b.size == BATCH) {
                handOver(k);
            }
        }
        samples += count;
    }

    private void handOver(int k) {
        put(workers[k].work, filling[k]);
        filling[k] = take(workers[k].free);
    }

    @Override
    public void tombstones(long[] refs, long[] minTimes, long[] maxTimes, int count) {
        // Deleted intervals apply to whatever the series holds, so their order against samples does not matter.
        for (int i = 0; i < count; i++) {
            head.replayTombstones(new long[] {refs[i]}, minTimes[i], maxTimes[i]);
        }
        tombstones += count;
    }

    @Override
    public void metadata(String metricFamily, MetricMetadata metadata) {
        head.replayMetadata(metricFamily, metadata);
    }

    /** Hands over the partial batches and waits until every worker applied everything. */
    void finish() {
        for (int k = 0; k < workers.length; k++) {
            if (filling[k].size > 0) {
                handOver(k);
            }
        }
        close();
        Throwable t = failure.get();
        if (t != null) {
            throw new StrataException(ErrorCode.INTERNAL, "WAL replay failed: " + t, t);
        }
    }

    /** Stops the workers (after what they were given). Idempotent. */
    @Override
    public void close() {
        List<Worker> alive = new ArrayList<>();
        for (Worker w : workers) {
            if (w.isAlive()) {
                put(w.work, END);
                alive.add(w);
            }
        }
        for (Worker w : alive) {
            try {
                w.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StrataException(ErrorCode.CANCELED, "interrupted while replaying the WAL", e);
            }
        }
    }

    private static void put(BlockingQueue<Batch> q, Batch b) {
        try {
            q.put(b);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.CANCELED, "interrupted while replaying the WAL", e);
        }
    }

    private static Batch take(BlockingQueue<Batch> q) {
        try {
            return q.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.CANCELED, "interrupted while replaying the WAL", e);
        }
    }
}
