package io.strata.bench.jmh;

import io.strata.encoding.chunk.ChunkAppender;
import io.strata.encoding.chunk.ChunkEncoder;
import io.strata.encoding.chunk.Chunks;
import io.strata.encoding.prometheus.PrometheusXorChunk;
import io.strata.storage.SampleCursor;
import java.lang.foreign.MemorySegment;
import java.util.SplittableRandom;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Chunk encoding and decoding cost per sample, for one 2-hour chunk (720 samples at 10 s with
 * +-2 ms jitter) of three shapes: CPU-seconds counters (decimal mode), memory gauges in pages
 * (decimal mode with a divisor) and random doubles (float modes). Every operation is one
 * sample ({@link OperationsPerInvocation}), so the score is ns/sample and
 * {@code gc.alloc.rate.norm} is bytes/sample; decoding must allocate nothing.
 *
 * <p>Run: {@code java -cp strata-bench/target/strata-bench.jar org.openjdk.jmh.Main ChunkBenchmark
 * -f 1 -wi 2 -i 3 -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChunkBenchmark {
    static final int SAMPLES = 720;

    @Param({"CPU_SECONDS", "MEMORY_PAGES", "RANDOM_DOUBLE"})
    public String shape;

    private final long[] timestamps = new long[SAMPLES];
    private final double[] values = new double[SAMPLES];
    private final ChunkAppender appender = new ChunkAppender();
    private final ChunkAppender filled = new ChunkAppender();
    private final ChunkEncoder encoder = new ChunkEncoder();
    private MemorySegment closedChunk;
    private byte[] prometheusChunk;
    private SampleCursor cursor;

    @Setup(Level.Trial)
    public void generate() {
        SplittableRandom random = new SplittableRandom(42);
        long start = 1_700_000_000_000L;
        long cents = 123_456_789;
        long pages = 2_000_000;
        for (int i = 0; i < SAMPLES; i++) {
            timestamps[i] = start + i * 10_000L + random.nextLong(-2, 3);
            values[i] = switch (shape) {
                case "CPU_SECONDS" -> (cents += 950 + random.nextLong(-30, 31)) / 100.0;
                case "MEMORY_PAGES" -> (pages += Math.round(random.nextGaussian() * 300)) * 4096.0;
                default -> random.nextDouble() * 0.01;
            };
        }
        PrometheusXorChunk prometheus = new PrometheusXorChunk();
        for (int i = 0; i < SAMPLES; i++) {
            filled.append(timestamps[i], values[i]);
            prometheus.append(timestamps[i], values[i]);
        }
        closedChunk = MemorySegment.ofArray(filled.finish());
        prometheusChunk = prometheus.bytes();
        cursor = Chunks.cursor(closedChunk, null);
    }

    /** Appending to the open chunk: what every ingested sample costs. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public int appendOpenChunk() {
        ChunkAppender a = appender;
        a.reset();
        for (int i = 0; i < SAMPLES; i++) {
            a.append(timestamps[i], values[i]);
        }
        return a.numSamples();
    }

    /** Closing a full chunk: recompression into the packed encoding, once per chunk. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public byte[] finishChunk() {
        return filled.finish(encoder);
    }

    /** Reading a closed chunk: the query path. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void decodeClosedChunk(Blackhole blackhole) {
        SampleCursor c = Chunks.cursor(closedChunk, cursor);
        long timestampSum = 0;
        double valueSum = 0;
        while (c.next() == SampleCursor.FLOAT) {
            timestampSum += c.timestamp();
            valueSum += c.value();
        }
        blackhole.consume(timestampSum);
        blackhole.consume(valueSum);
    }

    /** Reading the open chunk: queries over the newest data. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public void decodeOpenChunk(Blackhole blackhole) {
        SampleCursor c = filled.cursor(cursor);
        long timestampSum = 0;
        double valueSum = 0;
        while (c.next() == SampleCursor.FLOAT) {
            timestampSum += c.timestamp();
            valueSum += c.value();
        }
        blackhole.consume(timestampSum);
        blackhole.consume(valueSum);
        cursor = Chunks.cursor(closedChunk, c);
    }

    /** Encoding Prometheus XOR for remote read. */
    @Benchmark
    @OperationsPerInvocation(SAMPLES)
    public byte[] encodePrometheusXor() {
        PrometheusXorChunk chunk = new PrometheusXorChunk();
        for (int i = 0; i < SAMPLES; i++) {
            chunk.append(timestamps[i], values[i]);
        }
        return chunk.bytes();
    }

    /** Sizes, for reading the scores against. */
    public static void main(String[] args) {
        for (String s : new String[] {"CPU_SECONDS", "MEMORY_PAGES", "RANDOM_DOUBLE"}) {
            ChunkBenchmark b = new ChunkBenchmark();
            b.shape = s;
            b.generate();
            System.out.printf(java.util.Locale.ROOT, "%s: strata %.3f B/sample, prometheus xor %.3f B/sample%n",
                    s, b.closedChunk.byteSize() / (double) SAMPLES, b.prometheusChunk.length / (double) SAMPLES);
        }
    }
}
