package io.strata.tsdb.wal;

import io.strata.model.Labels;
import io.strata.model.MetricMetadata;
import io.strata.tsdb.fs.StorageFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/** Helpers for WAL tests: numbered records that are easy to recognise after replay. */
final class WalTestSupport {
    static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-02T03:04:05Z"));

    private WalTestSupport() {}

    /** Options with a short sync interval so background work happens quickly in tests. */
    static WalOptions options(SyncMode mode, long segmentSize) {
        return new WalOptions(mode, Duration.ofMillis(20), segmentSize);
    }

    static Wal open(Path dir, StorageFiles files, WalOptions options) throws IOException {
        return Wal.open(dir, options, files, CLOCK);
    }

    /** A samples record of {@code samples} samples, all tagged with {@code sequence}: ref = sequence. */
    static ByteBuffer numbered(long sequence, int samples) {
        long[] refs = new long[samples];
        long[] ts = new long[samples];
        double[] values = new double[samples];
        for (int i = 0; i < samples; i++) {
            refs[i] = sequence;
            ts[i] = sequence * 1000 + i;
            values[i] = sequence + i / 1000.0;
        }
        return WalRecords.encodeSamples(refs, ts, values, samples, null);
    }

    static ByteBuffer numbered(long sequence) {
        return numbered(sequence, 1);
    }

    /** The sequence numbers of the numbered records a WAL replays, in order. */
    static List<Long> replaySequences(Wal wal) throws IOException {
        Recorder recorder = new Recorder();
        wal.replay(recorder);
        return recorder.sequences();
    }

    /** Records every replayed entry as a line of text, and the sequence numbers of samples records. */
    static final class Recorder implements WalRecordVisitor {
        final List<String> entries = new ArrayList<>();
        private final List<Long> sequences = new ArrayList<>();

        @Override
        public void series(long[] refs, Labels[] labels, int count) {
            for (int i = 0; i < count; i++) {
                entries.add("series " + refs[i] + " " + labels[i]);
            }
        }

        @Override
        public void samples(long[] refs, long[] timestamps, double[] values, int count) {
            if (count > 0) {
                sequences.add(refs[0]);
            }
            for (int i = 0; i < count; i++) {
                entries.add("sample " + refs[i] + " " + timestamps[i] + " " + Double.doubleToRawLongBits(values[i]));
            }
        }

        @Override
        public void tombstones(long[] refs, long[] minTimes, long[] maxTimes, int count) {
            for (int i = 0; i < count; i++) {
                entries.add("tombstone " + refs[i] + " " + minTimes[i] + " " + maxTimes[i]);
            }
        }

        @Override
        public void metadata(String metricFamily, MetricMetadata metadata) {
            entries.add("metadata " + metricFamily + " " + metadata);
        }

        List<Long> sequences() {
            return sequences;
        }
    }

    static List<Long> range(long fromInclusive, long toExclusive) {
        List<Long> out = new ArrayList<>();
        for (long i = fromInclusive; i < toExclusive; i++) {
            out.add(i);
        }
        return out;
    }
}
