package io.strata.tsdb.head;

import static io.strata.tsdb.head.HeadTestSupport.HOUR;
import static io.strata.tsdb.head.HeadTestSupport.NOW;
import static io.strata.tsdb.head.HeadTestSupport.head;
import static io.strata.tsdb.head.HeadTestSupport.read;
import static io.strata.tsdb.head.HeadTestSupport.series;
import static io.strata.tsdb.head.HeadTestSupport.timestamps;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.AppendStatus;
import io.strata.storage.Querier;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadAppenderTest {
    private static final Labels UP = series("up", "job", "a");
    @TempDir
    Path dir;

    @Test
    void committedSamplesAreReadable() throws Exception {
        try (Head head = head(dir)) {
            HeadAppender app = head.appender();
            assertThat(app.append(0, UP, NOW - 2000, 1)).isEqualTo(AppendStatus.OK);
            long ref = app.lastRef();
            assertThat(app.append(ref, UP, NOW - 1000, 2)).isEqualTo(AppendStatus.OK);
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(read(q, Matcher.metricName("up"))).isEmpty();
            }
            app.commit();
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(read(q, Matcher.metricName("up")))
                        .containsExactly(java.util.Map.entry(UP, List.of((NOW - 2000) + "=1.0", (NOW - 1000) + "=2.0")));
            }
            assertThat(head.metrics().samplesAppended()).isEqualTo(2);
        }
    }

    @Test
    void rolledBackSamplesAreNotVisible() throws Exception {
        try (Head head = head(dir)) {
            HeadAppender app = head.appender();
            app.append(0, UP, NOW, 1);
            app.rollback();
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(read(q, Matcher.metricName("up"))).isEmpty();
            }
        }
    }

    @Test
    void acceptsOutOfOrderSampleInsideWindow() throws Exception {
        try (Head head = head(dir)) {
            append(head, NOW, 1);
            assertThat(append(head, NOW - 9 * 60_000, 2)).isEqualTo(AppendStatus.OK);
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(timestamps(q, Matcher.metricName("up"))).containsExactly(NOW - 9 * 60_000, NOW);
            }
        }
    }

    @Test
    void rejectsSampleOlderThanWindow() throws Exception {
        try (Head head = head(dir)) {
            append(head, NOW, 1);
            assertThat(append(head, NOW - 11 * 60_000, 2)).isEqualTo(AppendStatus.OUT_OF_ORDER);
            assertThat(head.metrics().rejected(AppendStatus.OUT_OF_ORDER)).isEqualTo(1);
        }
    }

    @Test
    void resentSampleIsOkButConflictingValueIsDuplicate() throws Exception {
        try (Head head = head(dir)) {
            append(head, NOW - 5000, 1);
            append(head, NOW, 1);
            assertThat(append(head, NOW, 1)).isEqualTo(AppendStatus.OK);
            assertThat(append(head, NOW, 2)).isEqualTo(AppendStatus.DUPLICATE);
            assertThat(append(head, NOW - 5000, 1)).isEqualTo(AppendStatus.OK);
            assertThat(append(head, NOW - 5000, 3)).isEqualTo(AppendStatus.DUPLICATE);
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(read(q, Matcher.metricName("up")).get(UP))
                        .containsExactly((NOW - 5000) + "=1.0", NOW + "=1.0");
            }
        }
    }

    @Test
    void duplicateInsideOneBatchIsDetected() throws Exception {
        try (Head head = head(dir)) {
            HeadAppender app = head.appender();
            assertThat(app.append(0, UP, NOW, 1)).isEqualTo(AppendStatus.OK);
            assertThat(app.append(0, UP, NOW, 2)).isEqualTo(AppendStatus.DUPLICATE);
            assertThat(app.append(0, UP, NOW - 20 * 60_000, 2)).isEqualTo(AppendStatus.OUT_OF_ORDER);
            app.commit();
        }
    }

    @Test
    void rejectsTooOldAndTooFarInFuture() throws Exception {
        try (Head head = head(dir)) {
            assertThat(append(head, NOW - 16 * 24 * HOUR, 1)).isEqualTo(AppendStatus.TOO_OLD);
            assertThat(append(head, NOW + 11 * 60_000, 1)).isEqualTo(AppendStatus.TOO_FAR_IN_FUTURE);
        }
    }

    @Test
    void acceptsInOrderBackfillOfDays() throws Exception {
        try (Head head = head(dir)) {
            long start = NOW - 3 * 24 * HOUR;
            HeadAppender app = head.appender();
            int n = 0;
            for (long t = start; t <= NOW; t += 60_000) {
                assertThat(app.append(0, UP, t, n++)).isEqualTo(AppendStatus.OK);
            }
            app.commit();
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                List<Long> ts = timestamps(q, Matcher.metricName("up"));
                assertThat(ts).hasSize(n).startsWith(start).endsWith(NOW);
            }
            // Chunks never cross a block-duration boundary and are closed off the heap.
            assertThat(head.memory().chunkCount()).isGreaterThanOrEqualTo(36);
            assertThat(head.memory().mappedChunkBytes()).isPositive();
        }
    }

    @Test
    void seriesLimitRejectsNewSeries() throws Exception {
        HeadOptions o = HeadTestSupport.options(dir);
        HeadOptions limited = new HeadOptions(o.dir(), o.files(), o.blockDurationMillis(), o.outOfOrderWindowMillis(),
                o.retentionMillis(), o.maxFutureSkewMillis(), 1, o.chunkSegmentBytes(), o.clock());
        try (Head head = new Head(limited, HeadLog.NONE)) {
            HeadAppender app = head.appender();
            assertThat(app.append(0, UP, NOW, 1)).isEqualTo(AppendStatus.OK);
            assertThat(app.append(0, series("up", "job", "b"), NOW, 1)).isEqualTo(AppendStatus.SERIES_LIMIT);
            assertThat(app.append(0, UP, NOW + 1, 1)).isEqualTo(AppendStatus.OK);
            app.commit();
        }
    }

    private static AppendStatus append(Head head, long t, double v) {
        HeadAppender app = head.appender();
        AppendStatus s = app.append(0, UP, t, v);
        app.commit();
        return s;
    }
}
