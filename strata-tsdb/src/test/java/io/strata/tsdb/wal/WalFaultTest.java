package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalTestSupport.numbered;
import static io.strata.tsdb.wal.WalTestSupport.open;
import static io.strata.tsdb.wal.WalTestSupport.options;
import static io.strata.tsdb.wal.WalTestSupport.range;
import static io.strata.tsdb.wal.WalTestSupport.replaySequences;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.strata.model.ErrorCode;
import io.strata.model.StrataException;
import io.strata.tsdb.fs.FaultyStorageFiles;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Faults injected through {@link FaultyStorageFiles}: each test checks that the failing append is
 * refused with UNAVAILABLE, that health says why, that writes resume once the fault is gone, and
 * that a reopened WAL replays exactly the acknowledged records.
 */
class WalFaultTest {
    @TempDir
    Path dir;

    private final FaultyStorageFiles files = new FaultyStorageFiles().skipRealFsync(true);
    private final List<Long> acknowledged = new ArrayList<>();

    @ParameterizedTest
    @EnumSource(SyncMode.class)
    void aFullDiskRefusesAppendsWithoutCorruptionAndWritesResumeWhenSpaceReturns(SyncMode mode) throws IOException {
        try (Wal wal = open(dir, files, options(mode, 1 << 20))) {
            appendAcknowledged(wal, 0, 5);
            long sizeBefore = Files.size(WalFiles.segmentPath(dir, wal.currentSegment()));

            files.failWritesAfter(30); // the next record is about 50 bytes: a partial write, then ENOSPC

            assertUnavailable(() -> wal.append(numbered(5)), "disk full", "No space left on device",
                    dir.toString(), "resume on their own");
            assertThat(wal.healthy()).isFalse();
            assertThat(wal.unhealthyReason()).contains("disk full").contains("since 2026-01-02T03:04:05Z");
            assertThat(Files.size(WalFiles.segmentPath(dir, wal.currentSegment())))
                    .as("the partial record was cut off").isEqualTo(sizeBefore);
            assertUnavailable(() -> wal.append(numbered(6)), "disk full");

            files.clearFaults();
            appendAcknowledged(wal, 7, 9);

            assertThat(wal.healthy()).isTrue();
            assertThat(wal.unhealthyReason()).isEmpty();
            assertThat(wal.metrics().writeFailures()).isEqualTo(2);
        }
        assertReopenReplaysExactlyTheAcknowledged();
    }

    @Test
    void anUnhealthyWalTurnsHealthyWithoutTrafficOnceTheDiskHasSpace() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, 1 << 20))) {
            appendAcknowledged(wal, 0, 1);
            files.failWritesAfter(0);
            assertUnavailable(() -> wal.append(numbered(1)), "disk full");
            assertThat(wal.healthy()).isFalse();

            files.clearFaults();

            await().atMost(Duration.ofSeconds(10)).until(wal::healthy);
            assertThat(wal.metrics().recoveries()).isEqualTo(1);
            assertThat(dir.resolve(WalFiles.PROBE_FILE)).doesNotExist();
        }
    }

    @Test
    void aFailedFsyncRewritesTheUnsyncedAcknowledgedRecordsIntoANewSegment() throws IOException {
        WalOptions noBackgroundSync = new WalOptions(SyncMode.INTERVAL, Duration.ofHours(1), 1 << 20);
        try (Wal wal = open(dir, files, noBackgroundSync)) {
            appendAcknowledged(wal, 0, 3);
            wal.sync();
            int failedSegment = wal.currentSegment();
            long durableEnd = Files.size(WalFiles.segmentPath(dir, failedSegment));
            appendAcknowledged(wal, 3, 5); // acknowledged, not yet durable

            files.failAllFsyncs();

            assertThatThrownBy(wal::sync).isInstanceOf(IOException.class)
                    .hasMessageContaining("fsync of segment " + WalFiles.segmentPath(dir, failedSegment))
                    .hasMessageContaining("Check the disk");
            assertThat(wal.healthy()).isFalse();
            assertThat(wal.unhealthyReason()).contains("fsync");
            // recovery is attempted by the append, and fails while fsyncs fail
            assertUnavailable(() -> wal.append(numbered(5)), "fsync", "Recovery failed too, creating segment");

            files.clearFaults();
            appendAcknowledged(wal, 6, 7);

            assertThat(wal.healthy()).isTrue();
            assertThat(wal.currentSegment()).isEqualTo(failedSegment + 1);
            assertThat(Files.size(WalFiles.segmentPath(dir, failedSegment)))
                    .as("the untrusted tail was cut, so records 3 and 4 replay once").isEqualTo(durableEnd);
            assertThat(recordedPreviousLength(failedSegment + 1)).isEqualTo(durableEnd);
            assertThat(wal.metrics().fsyncFailures()).isEqualTo(1);
            assertThat(wal.metrics().recoveries()).isEqualTo(1);
        }
        assertReopenReplaysExactlyTheAcknowledged();
    }

    @Test
    void aFailedFsyncWhoseSegmentCannotBeCutBackReplaysTheRewrittenRecordsOnce() throws IOException {
        WalOptions noBackgroundSync = new WalOptions(SyncMode.INTERVAL, Duration.ofHours(1), 1 << 20);
        // Set before anything fails, so that no recovery (on any thread) can cut the tail first.
        files.failShrinkingTruncates(true);
        try (Wal wal = open(dir, files, noBackgroundSync)) {
            appendAcknowledged(wal, 0, 3);
            wal.sync();
            int failedSegment = wal.currentSegment();
            Path failed = WalFiles.segmentPath(dir, failedSegment);
            long durableEnd = Files.size(failed);
            appendAcknowledged(wal, 3, 5); // acknowledged, not yet durable
            files.failFsyncs(1);
            assertThatThrownBy(wal::sync).isInstanceOf(IOException.class).hasMessageContaining("fsync");

            appendAcknowledged(wal, 5, 7); // recovers first: records 3 and 4 are rewritten into a new segment

            assertThat(wal.healthy()).isTrue();
            assertThat(wal.currentSegment()).isEqualTo(failedSegment + 1);
            assertThat(Files.size(failed)).as("records 3 and 4 are still in the failed segment").isGreaterThan(durableEnd);
            assertThat(recordedPreviousLength(failedSegment + 1)).isEqualTo(durableEnd);
        }
        files.clearFaults();
        assertReopenReplaysExactlyTheAcknowledged();
    }

    @Test
    void aFailedFsyncInAlwaysModeFailsTheWaitingAppendAndDropsItsRecord() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.ALWAYS, 1 << 20))) {
            appendAcknowledged(wal, 0, 2);
            int failedSegment = wal.currentSegment();
            long durableEnd = Files.size(WalFiles.segmentPath(dir, failedSegment));

            files.failFsyncs(1);

            assertUnavailable(() -> wal.append(numbered(2)), "fsync");
            assertThat(wal.healthy()).isFalse();

            appendAcknowledged(wal, 3, 5); // the next append recovers into a new segment

            assertThat(wal.healthy()).isTrue();
            assertThat(recordedPreviousLength(failedSegment + 1)).as("record 2 was never durable").isEqualTo(durableEnd);
        }
        assertReopenReplaysExactlyTheAcknowledged();
    }

    @Test
    void aPartialRecordThatCannotBeRemovedMovesWritesToANewSegment() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, 1 << 20))) {
            appendAcknowledged(wal, 0, 3);
            int first = wal.currentSegment();
            files.failWritesAfter(10).failTruncates(true);

            assertUnavailable(() -> wal.append(numbered(3)), "could not be removed");
            // while the partial record cannot be cut, no later segment may appear: the damaged
            // segment would no longer be the last one, and the next start would call it corruption
            files.failWritesAfter(Long.MAX_VALUE - 1);
            assertUnavailable(() -> wal.append(numbered(4)), "cutting the partial record");
            assertThat(WalFiles.segmentPath(dir, first + 1)).doesNotExist();

            files.clearFaults();
            appendAcknowledged(wal, 5, 7);
            assertThat(wal.currentSegment()).isEqualTo(first + 1);
        }
        assertReopenReplaysExactlyTheAcknowledged();
    }

    @Test
    void aSegmentThatCannotBeCreatedAtRotationIsRetriedByTheNextAppend() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, 4096))) {
            int next = wal.currentSegment() + 1;
            files.failOpens(p -> p.getFileName().toString().equals(WalFiles.segmentName(next)));
            long sequence = 0;
            while (wal.currentSegment() < next) {
                try {
                    wal.append(numbered(sequence));
                    acknowledged.add(sequence);
                } catch (StrataException e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    assertThat(e).hasMessageContaining("could not create segment");
                    assertThat(wal.healthy()).isFalse();
                    files.clearFaults();
                }
                sequence++;
                assertThat(sequence).as("bounded loop").isLessThan(1000);
            }
            assertThat(wal.healthy()).isTrue();
            assertThat(wal.metrics().writeFailures()).isEqualTo(1);
        }
        assertReopenReplaysExactlyTheAcknowledged();
    }

    @Test
    void anInterruptedWriteCancelsOnlyThatAppend() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, 1 << 20))) {
            appendAcknowledged(wal, 0, 2);
            files.interruptNextWrite();

            assertThatThrownBy(() -> wal.append(numbered(2)))
                    .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELED));

            assertThat(wal.healthy()).isTrue();
            appendAcknowledged(wal, 3, 5);
        }
        assertReopenReplaysExactlyTheAcknowledged();
    }

    @Test
    void anAppendOnAnInterruptedThreadIsCanceledBeforeTouchingTheFile() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, 1 << 20))) {
            Thread.currentThread().interrupt();
            try {
                assertThatThrownBy(() -> wal.append(numbered(1)))
                        .isInstanceOfSatisfying(StrataException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELED));
            } finally {
                assertThat(Thread.interrupted()).as("interrupt flag kept").isTrue();
            }
            appendAcknowledged(wal, 2, 3);
        }
        assertReopenReplaysExactlyTheAcknowledged();
    }

    @Test
    void aCheckpointWhoseRenameFailsLeavesTheLogAsItWas() throws IOException {
        try (Wal wal = open(dir, files, options(SyncMode.INTERVAL, 4096))) {
            appendAcknowledged(wal, 0, 200);
            int through = wal.currentSegment() - 1;
            files.failRenames(true);

            assertThatThrownBy(() -> wal.checkpoint(through, CheckpointFilter.keepAll()))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("injected rename failure");

            try (Stream<Path> entries = Files.list(dir)) {
                assertThat(entries.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("checkpoint"));
            }
            assertThat(replaySequences(wal)).containsExactlyElementsOf(acknowledged);
            files.clearFaults();
            wal.checkpoint(through, CheckpointFilter.keepAll());
            assertThat(replaySequences(wal)).containsExactlyElementsOf(acknowledged);
        }
        assertReopenReplaysExactlyTheAcknowledged();
    }

    @Test
    void openOnAFullDiskNamesTheSegmentItCouldNotStart() {
        files.failWritesAfter(0);

        assertThatThrownBy(() -> open(dir, files, options(SyncMode.INTERVAL, 1 << 20)))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot start WAL segment " + WalFiles.segmentPath(dir, 1))
                .hasMessageContaining("free space in " + dir);
        assertThat(WalFiles.segmentPath(dir, 1)).as("partial segment removed").doesNotExist();
    }

    @Test
    void closeReportsAFailedFinalFsync() throws IOException {
        Wal wal = open(dir, files, new WalOptions(SyncMode.INTERVAL, Duration.ofHours(1), 1 << 20));
        appendAcknowledged(wal, 0, 3);
        files.failAllFsyncs();

        assertThatThrownBy(wal::close).isInstanceOf(IOException.class).hasMessageContaining("without a final fsync");

        files.clearFaults();
        // a killed process keeps what was written: the page cache still has the records
        assertReopenReplaysExactlyTheAcknowledged();
    }

    private void appendAcknowledged(Wal wal, long fromInclusive, long toExclusive) {
        for (long i = fromInclusive; i < toExclusive; i++) {
            wal.append(numbered(i));
            acknowledged.add(i);
        }
    }

    private static void assertUnavailable(ThrowingCallable append, String... messageParts) {
        assertThatThrownBy(append)
                .isInstanceOfSatisfying(StrataException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                    for (String part : messageParts) {
                        assertThat(e.getMessage()).contains(part);
                    }
                });
    }

    private long recordedPreviousLength(int segment) throws IOException {
        return SegmentReader.readPreviousSegmentLength(files, WalFiles.segmentPath(dir, segment), segment);
    }

    private void assertReopenReplaysExactlyTheAcknowledged() throws IOException {
        try (Wal reopened = Wal.open(dir, WalOptions.defaults(), OsStorageFiles.INSTANCE, WalTestSupport.CLOCK)) {
            assertThat(reopened.repairReport()).isEqualTo(WalRepairReport.clean());
            assertThat(replaySequences(reopened)).containsExactlyElementsOf(acknowledged);
        }
        assertThat(acknowledged).isNotEmpty();
        assertThat(range(0, 0)).isEmpty();
    }
}
