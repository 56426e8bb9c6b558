package io.strata.promql.engine;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.storage.SampleCursor;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Decodes the series of a selector on several cores. The caller's thread walks the series set
 * and opens each series' cursor (storage snapshots are cheap and not thread-safe to take in
 * parallel over one set); batches of cursors are decoded on virtual threads; results come back
 * to the caller's thread in series order, where the (single-threaded) rest of the engine
 * consumes them. Decoding is most of a selector's cost, so this is where a query uses more
 * than one core.
 */
final class SeriesPipeline {
    /** Turns one series' cursor into a result, or null when the series contributes nothing. Thread-safe. */
    @FunctionalInterface
    interface Decoder<R> {
        R decode(Labels labels, SampleCursor cursor);
    }

    private static final ExecutorService WORKERS = Executors.newVirtualThreadPerTaskExecutor();
    private static final int BATCH = 128;
    private static final int MAX_IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors();

    private SeriesPipeline() {
    }

    /**
     * Runs {@code decoder} over every series of {@code set} and hands non-null results to
     * {@code sink} on the calling thread, in the order of the set. {@code perSeries} runs on the
     * calling thread for each series before its cursor is opened (limits, cancellation).
     */
    static <R> void run(SeriesSet set, Runnable perSeries, Decoder<R> decoder, Consumer<R> sink) {
        ArrayDeque<Future<List<R>>> inFlight = new ArrayDeque<>();
        List<Labels> labels = new ArrayList<>(BATCH);
        List<SampleCursor> cursors = new ArrayList<>(BATCH);
        try {
            while (set.next()) {
                perSeries.run();
                Series series = set.at();
                labels.add(series.labels());
                cursors.add(series.cursor(null));
                if (labels.size() == BATCH) {
                    inFlight.add(submit(labels, cursors, decoder));
                    labels = new ArrayList<>(BATCH);
                    cursors = new ArrayList<>(BATCH);
                    while (inFlight.size() >= MAX_IN_FLIGHT) {
                        drain(inFlight.poll(), sink);
                    }
                }
            }
            if (!labels.isEmpty()) {
                inFlight.add(submit(labels, cursors, decoder));
            }
            while (!inFlight.isEmpty()) {
                drain(inFlight.poll(), sink);
            }
        } finally {
            // On failure, let running batches finish before the querier (and its buffers) closes.
            for (Future<List<R>> f : inFlight) {
                f.cancel(false);
                try {
                    f.get();
                } catch (Exception ignored) {
                    // The first failure is already on its way up.
                }
            }
        }
    }

    private static <R> Future<List<R>> submit(List<Labels> labels, List<SampleCursor> cursors, Decoder<R> decoder) {
        return WORKERS.submit(() -> {
            List<R> out = new ArrayList<>(labels.size());
            for (int i = 0; i < labels.size(); i++) {
                R r = decoder.decode(labels.get(i), cursors.get(i));
                if (r != null) {
                    out.add(r);
                }
            }
            return out;
        });
    }

    private static <R> void drain(Future<List<R>> batch, Consumer<R> sink) {
        List<R> results;
        try {
            results = batch.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StrataException(ErrorCode.CANCELED, "query was canceled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StrataException(ErrorCode.INTERNAL, "reading series failed: " + e.getCause(), e.getCause());
        }
        for (R r : results) {
            sink.accept(r);
        }
    }
}
