package io.strata.tsdb.head;

import static io.strata.tsdb.head.HeadTestSupport.HOUR;
import static io.strata.tsdb.head.HeadTestSupport.NOW;
import static io.strata.tsdb.head.HeadTestSupport.head;
import static io.strata.tsdb.head.HeadTestSupport.read;
import static io.strata.tsdb.head.HeadTestSupport.series;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.encoding.chunk.Chunks;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadCutTest {
    private static final Labels A = series("m", "s", "a");
    private static final Labels B = series("m", "s", "b");
    @TempDir
    Path dir;

    @Test
    void cutHandsOverWholeRangesAndTruncatesOnlyWhatItTook() throws Exception {
        try (Head head = head(dir)) {
            long start = NOW - 5 * HOUR;
            HeadAppender app = head.appender();
            for (long t = start; t < NOW; t += 60_000) {
                app.append(0, A, t, t);
            }
            for (long t = NOW - HOUR; t < NOW; t += 60_000) {
                app.append(0, B, t, t);
            }
            app.commit();
            long boundary = NOW - 2 * HOUR;
            HeadCut cut = head.prepareCut(boundary);
            assertThat(cut.seriesCount()).isEqualTo(1);
            assertThat(cut.rangeStarts()).containsExactly(NOW - 6 * HOUR, NOW - 4 * HOUR);
            // Range [NOW-4h, NOW-2h) holds 120 samples of A, in ascending, non-overlapping chunks.
            HeadCut.RangeSeries range = cut.range(NOW - 4 * HOUR);
            assertThat(range.next()).isTrue();
            assertThat(range.labels()).isEqualTo(A);
            List<Long> ts = new ArrayList<>();
            for (int i = 0; i < range.chunkCount(); i++) {
                SampleCursor c = Chunks.cursor(range.chunk(i), null);
                while (c.next() == SampleCursor.FLOAT) {
                    ts.add(c.timestamp());
                }
            }
            assertThat(ts).hasSize(120).startsWith(NOW - 4 * HOUR).endsWith(boundary - 60_000);
            assertThat(range.next()).isFalse();
            // A sample before the boundary arriving during the cut stays in the head.
            HeadAppender late = head.appender();
            late.append(0, B, NOW - 3 * HOUR, 1); // too old for B's window
            late.append(0, series("m", "s", "c"), NOW - 3 * HOUR, 7);
            late.commit();
            head.finishCut(cut, Duration.ofSeconds(5));
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                var data = read(q, Matcher.metricName("m"));
                assertThat(data.get(A)).hasSize(120).first().isEqualTo(boundary + "=" + (double) boundary);
                assertThat(data.get(B)).hasSize(60);
                assertThat(data.get(series("m", "s", "c"))).containsExactly((NOW - 3 * HOUR) + "=7.0");
            }
            assertThat(head.minTime()).isEqualTo(NOW - 3 * HOUR);
        }
    }

    @Test
    void cutMergesOutOfOrderSamplesAndDropsDeletedOnes() throws Exception {
        try (Head head = head(dir)) {
            HeadAppender app = head.appender();
            for (long t = NOW - 3 * HOUR; t < NOW - 2 * HOUR; t += 60_000) {
                app.append(0, A, t, 1);
            }
            app.commit();
            app = head.appender();
            app.append(0, A, NOW - 2 * HOUR - 90_000, 2); // out of order, inside the window
            app.commit();
            head.delete(List.of(Matcher.metricName("m")), NOW - 3 * HOUR, NOW - 3 * HOUR + 9 * 60_000);
            HeadCut cut = head.prepareCut(NOW - 2 * HOUR);
            HeadCut.RangeSeries range = cut.range(NOW - 4 * HOUR);
            assertThat(range.next()).isTrue();
            List<String> samples = new ArrayList<>();
            for (int i = 0; i < range.chunkCount(); i++) {
                SampleCursor c = Chunks.cursor(range.chunk(i), null);
                while (c.next() == SampleCursor.FLOAT) {
                    samples.add(c.timestamp() + "=" + c.value());
                }
            }
            assertThat(samples).hasSize(51).contains((NOW - 2 * HOUR - 90_000) + "=2.0");
            head.finishCut(cut, Duration.ofSeconds(5));
            assertThat(head.removeIdleSeries(NOW - 2 * HOUR)).isEqualTo(1);
            assertThat(head.numSeries()).isZero();
        }
    }

    @Test
    void labelSymbolsOfRemovedSeriesAreFreedOnceOlderQueriersClose() throws Exception {
        try (Head head = head(dir)) {
            HeadAppender app = head.appender();
            app.append(0, series("gone", "k", "v"), NOW, 1);
            app.rollback();
            int before = head.symbols.size();
            Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE);
            assertThat(head.removeIdleSeries(Long.MAX_VALUE)).isEqualTo(1);
            assertThat(head.symbols.size()).as("kept while an older querier is open").isEqualTo(before);
            q.close();
            assertThat(head.removeIdleSeries(Long.MAX_VALUE)).isZero();
            assertThat(head.symbols.size()).isEqualTo(before - 4);
        }
    }

    @Test
    void queriersOpenedBeforeTheCutKeepSeeingTheData() throws Exception {
        try (Head head = head(dir)) {
            HeadAppender app = head.appender();
            for (long t = NOW - 3 * HOUR; t < NOW; t += 60_000) {
                app.append(0, A, t, 1);
            }
            app.commit();
            Querier old = head.querier(Long.MIN_VALUE, Long.MAX_VALUE);
            HeadCut cut = head.prepareCut(NOW - 2 * HOUR);
            Thread truncator = new Thread(() -> head.finishCut(cut, Duration.ofSeconds(30)), "truncator");
            truncator.start();
            truncator.join(200);
            assertThat(truncator.isAlive()).as("truncation waits for the older querier").isTrue();
            assertThat(read(old, Matcher.metricName("m")).get(A)).hasSize(180);
            old.close();
            truncator.join(30_000);
            assertThat(truncator.isAlive()).isFalse();
            try (Querier q = head.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(read(q, Matcher.metricName("m")).get(A)).hasSize(120);
            }
        }
    }
}
