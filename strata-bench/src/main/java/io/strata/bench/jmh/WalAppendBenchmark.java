package io.strata.bench.jmh;

import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.tsdb.wal.SyncMode;
import io.strata.tsdb.wal.Wal;
import io.strata.tsdb.wal.WalOptions;
import io.strata.tsdb.wal.WalRecords;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * WAL appends of one remote-write-sized SAMPLES record (10,000 samples: 2,000 series times 5
 * scrapes), reported in samples per second. Writes to a temporary directory on the default file
 * system; segments are deleted after every iteration so the disk does not fill.
 *
 * <pre>
 * ./mvnw -B -q -pl strata-bench -am package -DskipTests
 * java -cp strata-bench/target/strata-bench.jar org.openjdk.jmh.Main WalAppendBenchmark -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class WalAppendBenchmark {
    static final int SERIES = 2_000;
    static final int SCRAPES = 5;
    static final int SAMPLES_PER_RECORD = SERIES * SCRAPES;

    @Param({"INTERVAL", "ALWAYS"})
    public SyncMode syncMode;

    private Path dir;
    private Wal wal;
    private long[] refs;
    private long[] timestamps;
    private double[] values;
    private ByteBuffer record;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("strata-wal-bench");
        wal = Wal.open(dir, WalOptions.defaults().withSyncMode(syncMode), OsStorageFiles.INSTANCE,
                InstantSource.system());
        refs = new long[SAMPLES_PER_RECORD];
        timestamps = new long[SAMPLES_PER_RECORD];
        values = new double[SAMPLES_PER_RECORD];
        Random random = new Random(42);
        long start = 1_700_000_000_000L;
        for (int s = 0; s < SERIES; s++) {
            long ref = 10_000 + s * 3L;
            double value = random.nextInt(1000);
            for (int k = 0; k < SCRAPES; k++) {
                int i = s * SCRAPES + k;
                refs[i] = ref;
                timestamps[i] = start + k * 15_000L + random.nextInt(20);
                value += random.nextDouble() * 10;
                values[i] = value;
            }
        }
        record = WalRecords.encodeSamples(refs, timestamps, values, SAMPLES_PER_RECORD, null);
    }

    /** Keeps the disk usage bounded: only the segment being written survives an iteration. */
    @TearDown(Level.Iteration)
    public void dropOldSegments() throws IOException {
        wal.truncateBefore(wal.currentSegment());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            wal.close();
        } finally {
            OsStorageFiles.INSTANCE.deleteRecursively(dir);
        }
    }

    /** One thread appending an already encoded record. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_RECORD)
    public long append() {
        return wal.append(record);
    }

    /** Four threads appending at once: in ALWAYS mode they share fsyncs (group commit). */
    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(SAMPLES_PER_RECORD)
    public long appendFrom4Threads() {
        return wal.append(record);
    }

    /** Encoding from primitive arrays into a reused buffer, then appending: the head's commit path. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES_PER_RECORD)
    public long encodeAndAppend(ThreadBuffer buffer) {
        buffer.record = WalRecords.encodeSamples(refs, timestamps, values, SAMPLES_PER_RECORD, buffer.record);
        return wal.append(buffer.record);
    }

    /** The encode buffer an appender keeps between commits. */
    @State(Scope.Thread)
    public static class ThreadBuffer {
        ByteBuffer record;
    }
}
