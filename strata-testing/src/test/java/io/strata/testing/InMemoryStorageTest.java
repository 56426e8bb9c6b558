package io.strata.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.model.MetricMetadata;
import io.strata.model.MetricType;
import io.strata.model.StrataException;
import io.strata.storage.AppendStatus;
import io.strata.storage.Appender;
import io.strata.storage.CardinalityStats.Count;
import io.strata.storage.CardinalityStats;
import io.strata.storage.Health;
import io.strata.storage.Querier;
import io.strata.storage.SampleCursor;
import io.strata.storage.SelectHints;
import io.strata.storage.SeriesSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class InMemoryStorageTest {
    private static final Labels UP_A = Labels.of("__name__", "up", "job", "a");
    private static final Labels UP_B = Labels.of("__name__", "up", "job", "b");
    private static final Labels CPU = Labels.of("__name__", "cpu", "job", "a", "mode", "idle");

    private final InMemoryStorage storage = new InMemoryStorage();

    @Test
    void selectsCommittedSamplesOfMatchingSeriesInLabelOrder() {
        write(UP_B, 10, 1.0);
        write(UP_A, 10, 2.0, 20, 3.0);
        write(CPU, 10, 4.0);

        assertThat(select(0, 100, Matcher.metricName("up"))).containsExactly(
                UP_A + "@10=2.0 20=3.0",
                UP_B + "@10=1.0");
    }

    @Test
    void appendsAreInvisibleUntilCommitAndGoneAfterRollback() {
        Appender app = storage.appender();
        assertThat(app.append(0, UP_A, 10, 1.0)).isEqualTo(AppendStatus.OK);
        assertThat(select(0, 100, Matcher.metricName("up"))).isEmpty();
        app.rollback();
        assertThat(select(0, 100, Matcher.metricName("up"))).isEmpty();

        Appender second = storage.appender();
        second.append(0, UP_A, 10, 1.0);
        second.commit();
        assertThat(select(0, 100, Matcher.metricName("up"))).containsExactly(UP_A + "@10=1.0");
    }

    @Test
    void appenderRefersToSeriesByRefAndFallsBackToLabelsOnWrongRef() {
        Appender app = storage.appender();
        app.append(0, UP_A, 10, 1.0);
        long refA = app.lastRef();
        app.append(0, UP_B, 10, 1.0);
        long refB = app.lastRef();
        assertThat(refA).isNotEqualTo(refB).isNotZero();
        app.append(refA, UP_A, 20, 2.0);
        assertThat(app.lastRef()).isEqualTo(refA);
        app.append(refA, UP_B, 20, 5.0); // wrong ref: the labels decide
        assertThat(app.lastRef()).isEqualTo(refB);
        app.commit();
        assertThat(select(0, 100, Matcher.equal("job", "b"))).containsExactly(UP_B + "@10=1.0 20=5.0");
    }

    @Test
    void exactDuplicateIsAcceptedAndDifferentValueAtSameTimestampIsRejected() {
        write(UP_A, 10, 1.0);
        Appender app = storage.appender();
        assertThat(app.append(0, UP_A, 10, 1.0)).isEqualTo(AppendStatus.OK);
        assertThat(app.append(0, UP_A, 10, 2.0)).isEqualTo(AppendStatus.DUPLICATE);
        assertThat(app.append(0, UP_A, 30, 3.0)).isEqualTo(AppendStatus.OK);
        assertThat(app.append(0, UP_A, 30, 4.0)).isEqualTo(AppendStatus.DUPLICATE); // within the batch
        app.commit();
        assertThat(select(0, 100, Matcher.metricName("up"))).containsExactly(UP_A + "@10=1.0 30=3.0");
    }

    @Test
    void staleMarkerIsADuplicateOfAnOrdinaryNaN() {
        write(UP_A, 10, Double.NaN);
        Appender app = storage.appender();
        assertThat(app.append(0, UP_A, 10, io.strata.model.SampleValues.STALE_NAN))
                .isEqualTo(AppendStatus.DUPLICATE);
        app.rollback();
    }

    @Test
    void defaultStoreAcceptsAnyOrderAndKeepsSamplesSorted() {
        write(UP_A, 30, 3.0);
        write(UP_A, 10, 1.0, 20, 2.0);
        assertThat(select(0, 100, Matcher.metricName("up"))).containsExactly(UP_A + "@10=1.0 20=2.0 30=3.0");
    }

    @Test
    void rejectsSampleOlderThanOutOfOrderWindow() {
        InMemoryStorage strict = InMemoryStorage.withOutOfOrderWindow(Duration.ofMillis(10));
        Appender first = strict.appender();
        first.append(0, UP_A, 100, 1.0);
        first.commit();
        Appender app = strict.appender();
        assertThat(app.append(0, UP_A, 90, 1.0)).isEqualTo(AppendStatus.OK);
        assertThat(app.append(0, UP_A, 89, 1.0)).isEqualTo(AppendStatus.OUT_OF_ORDER);
        assertThat(app.append(0, UP_A, 200, 1.0)).isEqualTo(AppendStatus.OK);
        assertThat(app.append(0, UP_A, 150, 1.0)).isEqualTo(AppendStatus.OUT_OF_ORDER); // batch's newest counts
        app.commit();
    }

    @Test
    void querierSeesOnlySamplesAndSeriesInsideItsRange() {
        write(UP_A, 10, 1.0, 20, 2.0, 30, 3.0);
        write(UP_B, 50, 5.0);
        assertThat(select(20, 30, Matcher.metricName("up"))).containsExactly(UP_A + "@20=2.0 30=3.0");
        assertThat(select(40, 60, Matcher.metricName("up"))).containsExactly(UP_B + "@50=5.0");
    }

    @Test
    void absentLabelMatchesAsEmptyString() {
        write(UP_A, 10, 1.0);
        write(CPU, 10, 1.0);
        assertThat(select(0, 100, Matcher.equal("job", "a"), Matcher.equal("mode", "")))
                .containsExactly(UP_A + "@10=1.0");
        assertThat(select(0, 100, Matcher.regex("job", "a|b"), Matcher.notRegex("__name__", "c.*")))
                .containsExactly(UP_A + "@10=1.0");
        assertThat(select(0, 100, Matcher.notEqual("__name__", "up"), Matcher.regex("job", ".+")))
                .containsExactly(CPU + "@10=1.0");
    }

    @Test
    void selectRefusesMatchersThatAllMatchEmpty() {
        try (Querier q = storage.querier(0, 100)) {
            assertThatThrownBy(() -> q.select(true, null, List.of(Matcher.equal("job", ""))))
                    .isInstanceOf(StrataException.class)
                    .hasMessageContaining("job=\"\"");
        }
    }

    @Test
    void selectHonoursTheSeriesLimitHint() {
        write(UP_A, 10, 1.0);
        write(UP_B, 10, 1.0);
        try (Querier q = storage.querier(0, 100)) {
            SeriesSet set = q.select(true, SelectHints.labelsOnly(0, 100, 1), List.of(Matcher.metricName("up")));
            assertThat(set.next()).isTrue();
            assertThat(set.at().labels()).isEqualTo(UP_A);
            assertThat(set.next()).isFalse();
        }
    }

    @Test
    void labelNamesAndValuesAreSortedDistinctAndLimited() {
        write(UP_A, 10, 1.0);
        write(UP_B, 10, 1.0);
        write(CPU, 10, 1.0);
        try (Querier q = storage.querier(0, 100)) {
            assertThat(q.labelNames(0, List.of())).containsExactly("__name__", "job", "mode");
            assertThat(q.labelNames(0, List.of(Matcher.metricName("up")))).containsExactly("__name__", "job");
            assertThat(q.labelNames(2, List.of())).containsExactly("__name__", "job");
            assertThat(q.labelValues("job", 0, List.of())).containsExactly("a", "b");
            assertThat(q.labelValues("job", 0, List.of(Matcher.metricName("cpu")))).containsExactly("a");
            assertThat(q.labelValues("__name__", 1, List.of())).containsExactly("cpu");
            assertThat(q.labelValues("nope", 0, List.of())).isEmpty();
        }
        try (Querier q = storage.querier(20, 100)) {
            assertThat(q.labelNames(0, List.of())).isEmpty();
        }
    }

    @Test
    void labelValuesSortByUtf8BytesLikePrometheus() {
        write(Labels.of("__name__", "m", "v", "\uFFFD"), 1, 1);
        write(Labels.of("__name__", "m", "v", "\uD83D\uDE00"), 1, 1); // emoji, beyond U+FFFF
        try (Querier q = storage.querier(0, 10)) {
            assertThat(q.labelValues("v", 0, List.of())).containsExactly("\uFFFD", "\uD83D\uDE00");
        }
    }

    @Test
    void deleteSeriesRemovesOnlySamplesInRangeOfMatchingSeries() {
        write(UP_A, 10, 1.0, 20, 2.0, 30, 3.0);
        write(UP_B, 10, 1.0);
        storage.deleteSeries(List.of(Matcher.equal("job", "a")), 15, 25);
        assertThat(select(0, 100, Matcher.metricName("up"))).containsExactly(
                UP_A + "@10=1.0 30=3.0",
                UP_B + "@10=1.0");
        storage.deleteSeries(List.of(Matcher.equal("job", "b")), Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(select(0, 100, Matcher.metricName("up"))).containsExactly(UP_A + "@10=1.0 30=3.0");
        try (Querier q = storage.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
            assertThat(q.labelValues("job", 0, List.of())).containsExactly("a");
        }
    }

    @Test
    void metadataKeepsTheLatestPerFamilyFiltersAndLimits() {
        Appender app = storage.appender();
        app.updateMetadata("up", new MetricMetadata(MetricType.GAUGE, "old", ""));
        app.updateMetadata("http_requests_total", new MetricMetadata(MetricType.COUNTER, "Requests.", ""));
        app.commit();
        Appender later = storage.appender();
        later.updateMetadata("up", new MetricMetadata(MetricType.GAUGE, "Whether the target is up.", ""));
        later.commit();

        assertThat(storage.metadata(null, 0)).containsExactly(
                Map.entry("http_requests_total", List.of(new MetricMetadata(MetricType.COUNTER, "Requests.", ""))),
                Map.entry("up", List.of(new MetricMetadata(MetricType.GAUGE, "Whether the target is up.", ""))));
        assertThat(storage.metadata("up", 0)).containsOnlyKeys("up");
        assertThat(storage.metadata(null, 1)).containsOnlyKeys("http_requests_total");
        assertThat(storage.metadata("nope", 0)).isEmpty();
    }

    @Test
    void cardinalityCountsSeriesWithSamples() {
        write(UP_A, 10, 1.0);
        write(UP_B, 5, 1.0, 40, 2.0);
        write(CPU, 10, 1.0);
        Appender never = storage.appender();
        never.append(0, Labels.of("__name__", "ghost"), 1, 1);
        never.rollback(); // the series exists but holds no samples: not counted

        CardinalityStats stats = storage.cardinality(2);
        assertThat(stats.numSeries()).isEqualTo(3);
        assertThat(stats.minTime()).isEqualTo(5);
        assertThat(stats.maxTime()).isEqualTo(40);
        // __name__=up, __name__=cpu, job=a, job=b, mode=idle
        assertThat(stats.numLabelPairs()).isEqualTo(5);
        assertThat(stats.seriesCountByMetricName()).containsExactly(new Count("up", 2), new Count("cpu", 1));
        assertThat(stats.labelValueCountByLabelName()).containsExactly(new Count("__name__", 2), new Count("job", 2));
        assertThat(stats.memoryInBytesByLabelName()).containsExactly(new Count("__name__", 7), new Count("mode", 4));
        assertThat(stats.seriesCountByLabelValuePair())
                .containsExactly(new Count("__name__=up", 2), new Count("job=a", 2));
    }

    @Test
    void emptyStoreReportsPrometheusEmptyHeadTimes() {
        CardinalityStats stats = storage.cardinality(10);
        assertThat(stats.numSeries()).isZero();
        assertThat(stats.minTime()).isEqualTo(Long.MAX_VALUE);
        assertThat(stats.maxTime()).isEqualTo(Long.MIN_VALUE);
        assertThat(stats.seriesCountByMetricName()).isEmpty();
    }

    @Test
    void unreadyStoreRefusesCommitsWithUnavailable() {
        storage.setHealth(Health.unready("disk full"));
        Appender app = storage.appender();
        app.append(0, UP_A, 10, 1.0);
        assertThatThrownBy(app::commit)
                .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE))
                .hasMessageContaining("disk full");
        storage.setHealth(Health.READY);
        assertThat(select(0, 100, Matcher.metricName("up"))).isEmpty();
    }

    @Test
    void closedStoreRefusesEverything() {
        storage.close();
        storage.close(); // idempotent
        assertThatThrownBy(storage::appender).hasMessage("storage is closed");
        assertThatThrownBy(() -> storage.querier(0, 1)).hasMessage("storage is closed");
        assertThatThrownBy(() -> storage.metadata(null, 0)).hasMessage("storage is closed");
        assertThatThrownBy(() -> storage.cardinality(1)).hasMessage("storage is closed");
    }

    @Test
    void flushHeadIsCounted() {
        storage.flushHead();
        storage.flushHead();
        assertThat(storage.flushCount()).isEqualTo(2);
    }

    @Test
    void cursorsAndSetsRefuseUseAfterTheirQuerierClosed() {
        write(UP_A, 10, 1.0);
        Querier q = storage.querier(0, 100);
        SeriesSet set = q.select(true, null, List.of(Matcher.metricName("up")));
        assertThat(set.next()).isTrue();
        SampleCursor cursor = set.at().cursor(null);
        q.close();
        assertThatThrownBy(cursor::next).hasMessageContaining("BUG");
        assertThatThrownBy(set::next).hasMessageContaining("BUG");
    }

    @Test
    void concurrentAppendersToDistinctSeriesAllLand() throws Exception {
        int threads = 4;
        int perThread = 500;
        ExecutorService pool = Executors.newFixedThreadPool(threads, Thread.ofPlatform().name("append-test-", 0).factory());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                Labels l = Labels.of("__name__", "m", "thread", Integer.toString(t));
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        Appender app = storage.appender();
                        app.append(0, l, i, i);
                        app.commit();
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(storage.committedSamples()).isEqualTo((long) threads * perThread);
        assertThat(storage.cardinality(10).numSeries()).isEqualTo(threads);
    }

    // ---- helpers ----

    private void write(Labels labels, double... timestampValuePairs) {
        Appender app = storage.appender();
        for (int i = 0; i < timestampValuePairs.length; i += 2) {
            AppendStatus s = app.append(0, labels, (long) timestampValuePairs[i], timestampValuePairs[i + 1]);
            assertThat(s).isEqualTo(AppendStatus.OK);
        }
        app.commit();
    }

    /** Each series as {@code labels@t=v t=v}. */
    private List<String> select(long min, long max, Matcher... matchers) {
        List<String> out = new ArrayList<>();
        try (Querier q = storage.querier(min, max)) {
            SeriesSet set = q.select(true, SelectHints.range(min, max), List.of(matchers));
            SampleCursor reuse = null;
            while (set.next()) {
                StringBuilder sb = new StringBuilder(set.at().labels().toString()).append('@');
                reuse = set.at().cursor(reuse);
                while (reuse.next() == SampleCursor.FLOAT) {
                    sb.append(reuse.timestamp()).append('=').append(reuse.value()).append(' ');
                }
                out.add(sb.toString().trim());
            }
        }
        return out;
    }
}
