package io.strata.tsdb.wal;

import static io.strata.tsdb.wal.WalTestSupport.numbered;
import static io.strata.tsdb.wal.WalTestSupport.open;
import static io.strata.tsdb.wal.WalTestSupport.options;
import static org.assertj.core.api.Assertions.assertThat;

import io.strata.tsdb.fs.FaultyStorageFiles;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SyncMode#ALWAYS}: an append returns only after an fsync covering it, and fsyncs are shared. */
class WalGroupCommitTest {
    private static final int THREADS = 8;
    private static final int COMMITS_PER_THREAD = 40;

    @TempDir
    Path dir;

    // Real fsyncs are skipped, but each takes 2 ms, so committers that arrive meanwhile queue up.
    private final FaultyStorageFiles files = new FaultyStorageFiles().skipRealFsync(true).fsyncDelay(Duration.ofMillis(2));

    @Test
    void concurrentCommittersEachWaitForACoveringFsyncAndShareThem() throws Exception {
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        long fsyncsBefore;
        try (Wal wal = open(dir, files, options(SyncMode.ALWAYS, 64 << 20))) {
            fsyncsBefore = files.fsyncCount();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> committers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                committers.add(Thread.ofPlatform().name("committer-" + t).start(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < COMMITS_PER_THREAD; i++) {
                            ByteBuffer record = numbered(thread * 1000L + i, 10);
                            long position = wal.append(record);
                            long end = Wal.offsetOf(position) + WalFormat.FRAME_HEADER_BYTES + record.limit();
                            long synced = files.fsyncedBytes(WalFiles.segmentPath(dir, Wal.segmentOf(position)));
                            if (synced < end) {
                                violations.add("record ending at " + end + " acknowledged with only " + synced + " synced");
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }));
            }
            start.countDown();
            for (Thread committer : committers) {
                committer.join(TimeUnit.SECONDS.toMillis(60));
                assertThat(committer.isAlive()).as("committer finished").isFalse();
            }
            assertThat(WalTestSupport.replaySequences(wal)).hasSize(THREADS * COMMITS_PER_THREAD);
        }
        long commits = (long) THREADS * COMMITS_PER_THREAD;
        long fsyncs = files.fsyncCount() - fsyncsBefore;

        assertThat(errors).isEmpty();
        assertThat(violations).isEmpty();
        assertThat(fsyncs).as("fsyncs for %d commits", commits).isLessThan(commits);
    }

    @Test
    void aLoneCommitterGetsOneFsyncPerCommit() throws Exception {
        try (Wal wal = open(dir, files, options(SyncMode.ALWAYS, 64 << 20))) {
            long before = files.fsyncCount();
            for (int i = 0; i < 20; i++) {
                ByteBuffer record = numbered(i);
                long position = wal.append(record);
                assertThat(files.fsyncedBytes(WalFiles.segmentPath(dir, Wal.segmentOf(position))))
                        .isEqualTo(Wal.offsetOf(position) + WalFormat.FRAME_HEADER_BYTES + record.limit());
            }

            assertThat(files.fsyncCount() - before).isEqualTo(20);
            assertThat(wal.metrics().fsyncs()).isGreaterThanOrEqualTo(20);
            assertThat(wal.metrics().fsyncNanosMax()).isGreaterThanOrEqualTo(Duration.ofMillis(2).toNanos());
        }
    }

    @Test
    void intervalModeFsyncsInlineWhenUnsyncedBytesReachHalfASegment() throws Exception {
        long segmentSize = 1 << 20;
        WalOptions hourly = new WalOptions(SyncMode.INTERVAL, Duration.ofHours(1), segmentSize);
        try (Wal wal = open(dir, files, hourly)) {
            ByteBuffer record = numbered(1, 1000); // about 10 KB
            long before = files.fsyncCount();
            int appends = 0;
            while (files.fsyncCount() == before) {
                wal.append(record);
                appends++;
                assertThat(appends).as("bounded loop").isLessThan(1000);
            }
            long written = (long) appends * (record.limit() + WalFormat.FRAME_HEADER_BYTES);

            assertThat(written).isGreaterThan(segmentSize / 2).isLessThan(segmentSize / 2 + 2L * record.limit());
            assertThat(wal.currentSegment()).as("no rotation involved").isEqualTo(Wal.segmentOf(wal.append(record)));
        }
    }

    @Test
    void intervalModeAppendsDoNotWaitForFsyncs() throws Exception {
        WalOptions hourly = new WalOptions(SyncMode.INTERVAL, Duration.ofHours(1), 64 << 20);
        try (Wal wal = open(dir, files, hourly)) {
            long before = files.fsyncCount();
            for (int i = 0; i < 20; i++) {
                wal.append(numbered(i));
            }

            assertThat(files.fsyncCount()).isEqualTo(before);
            assertThat(wal.metrics().unsyncedBytes()).isPositive();
        }
    }
}
