package io.strata.tsdb;

import io.strata.tsdb.fs.FaultyStorageFiles;

import static io.strata.tsdb.TsdbTestSupport.HOUR;
import static io.strata.tsdb.TsdbTestSupport.MINUTE;
import static io.strata.tsdb.TsdbTestSupport.NOW;
import static io.strata.tsdb.TsdbTestSupport.appendRange;
import static io.strata.tsdb.TsdbTestSupport.options;
import static io.strata.tsdb.TsdbTestSupport.readAll;
import static io.strata.tsdb.TsdbTestSupport.sampleCount;
import static io.strata.tsdb.TsdbTestSupport.series;
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
import io.strata.storage.CardinalityStats;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TsdbTest {
    private static final Labels UP_A = series("up", "job", "a");
    private static final Labels UP_B = series("up", "job", "b");
    private static final Matcher UP = Matcher.metricName("up");

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(NOW);

    @Test
    void committedSamplesAreReadableAndSurviveRestart() {
        Map<Labels, List<String>> before;
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            appendRange(db, UP_A, NOW - HOUR, 15_000, 240);
            appendRange(db, UP_B, NOW - HOUR, 15_000, 10);
            before = readAll(db, UP);
            assertThat(sampleCount(before)).isEqualTo(250);
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            assertThat(readAll(db, UP)).isEqualTo(before);
            assertThat(db.health().ready()).isTrue();
        }
    }

    @Test
    void metadataAndTombstonesSurviveRestart() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            Appender app = db.appender();
            app.append(0, UP_A, NOW - 1000, 1);
            app.updateMetadata("up", new MetricMetadata(MetricType.GAUGE, "1 when up", ""));
            app.commit();
            appendRange(db, UP_B, NOW - 10 * MINUTE, MINUTE, 10);
            db.deleteSeries(List.of(Matcher.equal("job", "b")), NOW - 10 * MINUTE, NOW - 5 * MINUTE);
            assertThat(readAll(db, UP).get(UP_B)).hasSize(4);
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            assertThat(db.metadata(null, 0)).containsEntry("up", List.of(new MetricMetadata(MetricType.GAUGE, "1 when up", "")));
            assertThat(readAll(db, UP).get(UP_B)).hasSize(4);
            assertThat(readAll(db, UP).get(UP_A)).hasSize(1);
        }
    }

    @Test
    void flushHeadMovesEverythingToBlocksWithoutChangingResults() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            appendRange(db, UP_A, NOW - 3 * HOUR, 30_000, 360);
            appendRange(db, UP_B, NOW - 30 * MINUTE, 30_000, 60);
            Map<Labels, List<String>> before = readAll(db, UP);
            db.flushHead();
            assertThat(db.metrics().blockCount()).isGreaterThanOrEqualTo(2);
            assertThat(db.head().memory().chunkCount()).isZero();
            assertThat(readAll(db, UP)).isEqualTo(before);
            // New samples after the flush go to the head again.
            appendRange(db, UP_A, NOW, 30_000, 1);
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            Map<Labels, List<String>> after = readAll(db, UP);
            assertThat(after.get(UP_A)).hasSize(361);
            assertThat(after.get(UP_B)).hasSize(60);
        }
    }

    @Test
    void compactNowMergesTheBlocksOfARangeThatIsNotFinished() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            long sixHours = 6 * HOUR;
            long start = Math.floorDiv(NOW, sixHours) * sixHours - sixHours;
            appendRange(db, UP_A, start, MINUTE, 5 * 60);
            db.flushHead();
            assertThat(db.metrics().blockCount()).as("three 2h blocks in one 6h range").isEqualTo(3);
            Map<Labels, List<String>> before = readAll(db, UP);
            assertThat(db.compactNow()).isEqualTo(1);
            assertThat(db.metrics().blockCount()).isEqualTo(1);
            assertThat(readAll(db, UP)).isEqualTo(before);
            assertThat(db.compactNow()).as("nothing left to merge").isZero();
        }
    }

    @Test
    void maintenanceCutsABackfillOfDaysIntoBlocks() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            long start = NOW - 2 * 24 * HOUR;
            appendRange(db, UP_A, start, MINUTE, 2 * 24 * 60);
            Map<Labels, List<String>> before = readAll(db, UP);
            assertThat(sampleCount(before)).isEqualTo(2 * 24 * 60);
            db.runMaintenance();
            // The head keeps at most 1.5 block durations; the rest is in 2h blocks.
            assertThat(db.head().heldMaxTime() - db.head().minTime()).isLessThanOrEqualTo(3 * HOUR);
            assertThat(db.metrics().blocksWritten()).isGreaterThanOrEqualTo(22);
            assertThat(db.metrics().compactions()).as("2h blocks merged into longer ones").isPositive();
            assertThat(readAll(db, UP)).isEqualTo(before);
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            assertThat(sampleCount(readAll(db, UP))).isEqualTo(2 * 24 * 60);
        }
    }

    @Test
    void samplesOlderThanTheHeadBecomeOverlappingBlocks() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            appendRange(db, UP_A, NOW - 6 * HOUR, MINUTE, 6 * 60);
            db.runMaintenance();
            assertThat(db.head().minTime()).isGreaterThanOrEqualTo(NOW - 4 * HOUR);
            // A new series backfilled in order over the range already cut into blocks.
            appendRange(db, UP_B, NOW - 6 * HOUR, MINUTE, 120);
            Map<Labels, List<String>> beforeFlush = readAll(db, UP);
            assertThat(beforeFlush.get(UP_B)).hasSize(120);
            db.flushHead();
            Map<Labels, List<String>> all = readAll(db, UP);
            assertThat(all.get(UP_A)).hasSize(360);
            assertThat(all).isEqualTo(beforeFlush);
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            Map<Labels, List<String>> all = readAll(db, UP);
            assertThat(all.get(UP_A)).hasSize(360);
            assertThat(all.get(UP_B)).hasSize(120);
        }
    }

    @Test
    void samplesArrivingWhileCutsRunSurviveARestart() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        int written;
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            appendRange(db, UP_A, NOW - 8 * HOUR, MINUTE, 8 * 60);
            java.util.concurrent.CompletableFuture<Integer> writer = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                // A straggler series writing old, in-order samples while the head is cut.
                int n = 0;
                while (!stop.get() && n < 600) {
                    appendRange(db, series("late", "i", Integer.toString(n % 7)), NOW - 7 * HOUR + n * 1000L, 1, 1);
                    n++;
                }
                return n;
            });
            db.runMaintenance();
            db.flushHead();
            stop.set(true);
            written = writer.get(1, java.util.concurrent.TimeUnit.MINUTES);
            assertThat(sampleCount(readAll(db, Matcher.metricName("late")))).isEqualTo(written);
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            assertThat(sampleCount(readAll(db, Matcher.metricName("late")))).isEqualTo(written);
            assertThat(readAll(db, UP).get(UP_A)).hasSize(8 * 60);
        }
    }

    @Test
    void deleteSeriesHidesSamplesInHeadAndBlocks() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            appendRange(db, UP_A, NOW - 5 * HOUR, MINUTE, 5 * 60);
            db.runMaintenance();
            db.deleteSeries(List.of(Matcher.equal("job", "a")), NOW - 5 * HOUR, NOW - HOUR - 1);
            assertThat(readAll(db, UP).get(UP_A)).hasSize(60);
            db.flushHead();
            assertThat(readAll(db, UP).get(UP_A)).hasSize(60);
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            assertThat(readAll(db, UP).get(UP_A)).hasSize(60);
        }
    }

    @Test
    void diskFullFailsTheCommitVisiblyAndWritesResumeAfterwards() {
        FaultyStorageFiles files = new FaultyStorageFiles();
        try (Tsdb db = Tsdb.open(options(dir, clock).files(files).build())) {
            appendRange(db, UP_A, NOW - 10 * MINUTE, MINUTE, 5);
            files.failWritesAfter(0);
            Appender app = db.appender();
            assertThat(app.append(0, UP_A, NOW - MINUTE, 42)).isEqualTo(AppendStatus.OK);
            assertThat(app.append(0, UP_B, NOW - MINUTE, 42)).isEqualTo(AppendStatus.OK);
            assertThatThrownBy(app::commit).isInstanceOf(StrataException.class)
                    .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(db.health().ready()).isFalse();
            assertThat(db.health().reason()).contains("No space left");
            Map<Labels, List<String>> visible = readAll(db, UP);
            assertThat(visible.get(UP_A)).hasSize(5);
            assertThat(visible).doesNotContainKey(UP_B);
            try (io.strata.storage.Querier q = db.querier(Long.MIN_VALUE, Long.MAX_VALUE)) {
                assertThat(q.labelValues("job", 0, List.of())).as("the failed batch's new series").containsExactly("a");
            }
            files.clearFaults();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
                try {
                    appendRange(db, UP_B, NOW - MINUTE, MINUTE, 1);
                    return true;
                } catch (StrataException e) {
                    return false;
                }
            });
            assertThat(db.health().ready()).isTrue();
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            assertThat(readAll(db, UP).get(UP_A)).hasSize(5);
            assertThat(readAll(db, UP).get(UP_B)).hasSize(1);
        }
    }

    @Test
    void openInBackgroundBecomesReadyAfterReplay() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            appendRange(db, UP_A, NOW - HOUR, 1000, 3000);
        }
        Tsdb db = Tsdb.openInBackground(options(dir, clock).build());
        try {
            db.awaitReady(java.time.Duration.ofMinutes(1));
            assertThat(db.health()).isEqualTo(io.strata.storage.Health.READY);
            assertThat(readAll(db, UP).get(UP_A)).hasSize(3000);
        } finally {
            db.close();
        }
        assertThat(db.health().ready()).isFalse();
        assertThatThrownBy(db::appender).isInstanceOf(StrataException.class);
    }

    @Test
    void damagedWalFailsTheOpenNamingTheFile() throws Exception {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            for (int i = 0; i < 20; i++) {
                appendRange(db, series("up", "job", "j" + i), NOW - HOUR, 1000, 100);
            }
        }
        Path segment;
        try (var files = java.nio.file.Files.list(dir.resolve("wal"))) {
            segment = files.filter(p -> p.getFileName().toString().matches("\\d+")).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = java.nio.file.Files.readAllBytes(segment);
        for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
            bytes[i] ^= (byte) 0x5a;
        }
        java.nio.file.Files.write(segment, bytes);
        assertThatThrownBy(() -> Tsdb.open(options(dir, clock).build()))
                .isInstanceOf(StrataException.class)
                .hasMessageContaining(segment.getFileName().toString());
    }

    @Test
    void alwaysSyncModeFsyncsBeforeCommitReturns() {
        try (Tsdb db = Tsdb.open(options(dir, clock).walSyncMode(TsdbOptions.WalSyncMode.ALWAYS)
                .walSyncInterval(java.time.Duration.ofHours(1)).build())) {
            long before = db.metrics().walFsyncs();
            for (int i = 0; i < 3; i++) {
                appendRange(db, UP_A, NOW - 10 * MINUTE + i, 1, 1);
                assertThat(db.metrics().walFsyncs()).as("fsyncs after commit %d", i).isGreaterThanOrEqualTo(before + i + 1);
            }
        }
    }

    @Test
    void metricsCountAppendsRejectionsAndSeries() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            appendRange(db, UP_A, NOW - 10 * MINUTE, MINUTE, 5);
            Appender app = db.appender();
            assertThat(app.append(0, UP_A, NOW - 20 * MINUTE, 1)).isEqualTo(AppendStatus.OUT_OF_ORDER);
            assertThat(app.append(0, UP_A, NOW + 20 * MINUTE, 1)).isEqualTo(AppendStatus.TOO_FAR_IN_FUTURE);
            app.commit();
            TsdbMetrics m = db.metrics();
            assertThat(m.samplesAppended()).isEqualTo(5);
            assertThat(m.rejectedSamples()).containsEntry(AppendStatus.OUT_OF_ORDER, 1L)
                    .containsEntry(AppendStatus.TOO_FAR_IN_FUTURE, 1L).doesNotContainKey(AppendStatus.OK);
            assertThat(m.headSeries()).isEqualTo(1);
            assertThat(m.seriesCreated()).isEqualTo(1);
            assertThat(m.headChunks()).isEqualTo(1);
            assertThat(m.headHeapBytes()).isPositive();
            assertThat(m.walBytesWritten()).isPositive();
            assertThat(m.walBytes()).isPositive();
            assertThat(m.commits()).isEqualTo(1);
        }
    }

    @Test
    void failedFsyncInAlwaysModeFailsTheCommitAndTheTsdbRecovers() {
        io.strata.tsdb.fs.FaultyStorageFiles files = new io.strata.tsdb.fs.FaultyStorageFiles();
        try (Tsdb db = Tsdb.open(options(dir, clock).files(files).walSyncMode(TsdbOptions.WalSyncMode.ALWAYS).build())) {
            appendRange(db, UP_A, NOW - 10 * MINUTE, MINUTE, 3);
            files.failAllFsyncs();
            Appender app = db.appender();
            app.append(0, UP_A, NOW - MINUTE, 9);
            assertThatThrownBy(app::commit).isInstanceOf(StrataException.class)
                    .satisfies(e -> assertThat(((StrataException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
            assertThat(db.health().ready()).isFalse();
            assertThat(readAll(db, UP).get(UP_A)).hasSize(3);
            files.clearFaults();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> {
                try {
                    appendRange(db, UP_A, NOW - MINUTE + 1, 1, 1);
                    return true;
                } catch (StrataException e) {
                    return false;
                }
            });
            assertThat(db.health().ready()).isTrue();
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            assertThat(readAll(db, UP).get(UP_A)).hasSize(4);
        }
    }

    @Test
    void aSecondTsdbOnTheSameDirectoryIsRefused() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            assertThatThrownBy(() -> Tsdb.open(options(dir, clock).build()))
                    .isInstanceOf(StrataException.class).hasMessageContaining("in use");
            appendRange(db, UP_A, NOW, 1, 1);
        }
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            assertThat(readAll(db, UP).get(UP_A)).hasSize(1);
        }
    }

    @Test
    void cardinalityCountsHeadSeriesAndLabels() {
        try (Tsdb db = Tsdb.open(options(dir, clock).build())) {
            appendRange(db, UP_A, NOW - MINUTE, 1000, 3);
            appendRange(db, UP_B, NOW - MINUTE, 1000, 3);
            appendRange(db, series("down", "job", "a"), NOW - MINUTE, 1000, 3);
            CardinalityStats stats = db.cardinality(10);
            assertThat(stats.numSeries()).isEqualTo(3);
            assertThat(stats.numLabelPairs()).isEqualTo(4);
            assertThat(stats.seriesCountByMetricName())
                    .containsExactly(new CardinalityStats.Count("up", 2), new CardinalityStats.Count("down", 1));
            assertThat(stats.minTime()).isEqualTo(NOW - MINUTE);
            assertThat(stats.maxTime()).isEqualTo(NOW - MINUTE + 2000);
        }
    }
}
