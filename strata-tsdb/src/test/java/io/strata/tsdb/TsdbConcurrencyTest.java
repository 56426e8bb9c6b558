package io.strata.tsdb;

import static io.strata.tsdb.TsdbTestSupport.NOW;
import static io.strata.tsdb.TsdbTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import io.strata.storage.Querier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writers share series while readers query and a flush moves data to blocks. */
class TsdbConcurrencyTest {
    private static final int WRITERS = 4;
    private static final int SERIES = 20;
    private static final int STEPS = 500;

    @TempDir
    Path dir;

    @Test
    void concurrentWritersOnSharedSeriesLoseNothingWhileReadersRun() throws Exception {
        TestClock clock = new TestClock(NOW);
        Labels[] series = new Labels[SERIES];
        for (int i = 0; i < SERIES; i++) {
            series[i] = Labels.of("__name__", "shared", "i", Integer.toString(i));
        }
        long start = NOW - 3_600_000L;
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS + 1, r -> new Thread(r, "concurrency-test"));
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(pool.submit(() -> {
                    long[] refs = new long[SERIES];
                    for (int step = 0; step < STEPS; step++) {
                        Appender app = db.appender();
                        for (int s = 0; s < SERIES; s++) {
                            // Writers interleave timestamps of the same series: each writer's samples are
                            // in order, but arrive out of order relative to the others' (inside the window).
                            long t = start + (long) step * WRITERS + writer;
                            AppendStatus st = app.append(refs[s], series[s], t, writer);
                            if (st != AppendStatus.OK) {
                                throw new AssertionError("writer " + writer + " step " + step + ": " + st);
                            }
                            refs[s] = app.lastRef();
                        }
                        app.commit();
                    }
                    return null;
                }));
            }
            Future<Integer> reader = pool.submit(() -> {
                int queries = 0;
                while (writing.get() && queries < 10_000) {
                    try (Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                        TsdbTestSupport.read(q, Long.MIN_VALUE, Long.MAX_VALUE, Matcher.metricName("shared"));
                    }
                    queries++;
                }
                return queries;
            });
            for (Future<?> f : writers) {
                f.get(2, TimeUnit.MINUTES);
            }
            writing.set(false);
            assertThat(reader.get(2, TimeUnit.MINUTES)).isPositive();
            Map<Labels, List<String>> data = TsdbTestSupport.readAll(db, Matcher.metricName("shared"));
            assertThat(data).hasSize(SERIES);
            for (List<String> samples : data.values()) {
                assertThat(samples).hasSize(WRITERS * STEPS);
            }
            db.flushHead();
            assertThat(TsdbTestSupport.readAll(db, Matcher.metricName("shared"))).isEqualTo(data);
            assertThat(db.metrics().rejectedAtCommit()).isZero();
        } finally {
            pool.shutdownNow();
        }
    }
}
