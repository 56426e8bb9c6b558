package io.strata.bench.jmh;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.tsdb.fs.OsStorageFiles;
import io.strata.tsdb.index.IndexReader;
import io.strata.tsdb.index.IndexWriter;
import io.strata.tsdb.index.LabelIndexReader;
import io.strata.tsdb.index.MemoryLabelIndex;
import io.strata.tsdb.index.Postings;
import io.strata.tsdb.index.PostingsSelector;
import io.strata.tsdb.index.SeriesSpill;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * Postings work of a query, on data laid out as blocks store it (Roaring bitmaps read in place
 * from a memory-mapped file, a block index file written by {@code IndexWriter}):
 *
 * <ul>
 *   <li>{@code intersect*}: AND of two postings lists of 1M ids each over 2M series, with ids
 *       spread at random ({@code random}: bitmap containers) or in runs as sorted series give
 *       ({@code clustered}: run containers), directly and through {@link PostingsSelector};
 *   <li>{@code regex*}: a selector on a label with 100k distinct values: a regex the index must
 *       scan every value for (RE2/J), a {@code prefix.*} regex answered by binary search, and an
 *       alternation of literals answered by lookups.
 * </ul>
 *
 * Run: {@code java -jar strata-bench/target/strata-bench.jar jmh PostingsBenchmark -prof gc} (or
 * {@code java -cp strata-bench/target/strata-bench.jar org.openjdk.jmh.Main PostingsBenchmark}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xmx2g"})
public class PostingsBenchmark {
    private static final int UNIVERSE = 2_000_000;
    private static final int LIST_SIZE = 1_000_000;
    private static final int VALUES = 100_000;

    /** Two mapped postings lists of 1M ids each. */
    @State(Scope.Benchmark)
    public static class TwoLists {
        @Param({"random", "clustered"})
        public String layout;

        Path dir;
        Arena arena;
        ImmutableRoaringBitmap a;
        ImmutableRoaringBitmap b;
        LabelIndexReader index;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Random random = new Random(42);
            MutableRoaringBitmap first = layout.equals("random") ? randomIds(random) : clusteredIds(random);
            MutableRoaringBitmap second = layout.equals("random") ? randomIds(random) : clusteredIds(random);
            first.runOptimize();
            second.runOptimize();
            dir = Files.createTempDirectory("postings-bench");
            arena = Arena.ofShared();
            a = mapped(first, dir.resolve("a"), arena);
            b = mapped(second, dir.resolve("b"), arena);
            index = new TwoListIndex(a, b);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            arena.close();
            OsStorageFiles.INSTANCE.deleteRecursively(dir);
        }
    }

    /** A block index with one label of 100k distinct values, one series each. */
    @State(Scope.Benchmark)
    public static class ManyValues {
        Path dir;
        Arena arena;
        IndexReader index;
        final List<Matcher> scan = List.of(Matcher.regex("instance", "host-0[0-4][0-9]{3}\\.example\\.com:9100"));
        /** Same shape, matches nothing: the cost of the scan without the union of postings. */
        final List<Matcher> scanNoMatch =
                List.of(Matcher.regex("instance", "host-0[0-4][0-9]{3}\\.example\\.org:9100"));
        final List<Matcher> prefix = List.of(Matcher.regex("instance", "host-012.*"));
        /** As Grafana writes a multi-value variable: escaped dots, so really three literals. */
        final List<Matcher> literals = List.of(Matcher.regex("instance",
                "host-000001\\.example\\.com:9100|host-050000\\.example\\.com:9100|host-099999\\.example\\.com:9100"));

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            dir = Files.createTempDirectory("values-bench");
            MemoryLabelIndex postings = new MemoryLabelIndex();
            Path spillPath = dir.resolve("spill");
            try (SeriesSpill.Writer spill = new SeriesSpill.Writer(OsStorageFiles.INSTANCE, spillPath)) {
                for (int i = 0; i < VALUES; i++) {
                    Labels labels = Labels.of("__name__", "up", "instance",
                            String.format(Locale.ROOT, "host-%06d.example.com:9100", i), "job", "node");
                    spill.beginSeries(labels, 8, 0);
                    postings.add(labels, i);
                }
                spill.finish();
            }
            Path indexPath = dir.resolve("index");
            try (SeriesSpill.Reader spill = new SeriesSpill.Reader(OsStorageFiles.INSTANCE, spillPath)) {
                IndexWriter.write(OsStorageFiles.INSTANCE, indexPath, 0, 7_200_000, postings, spill);
            }
            arena = Arena.ofShared();
            MemorySegment segment = OsStorageFiles.INSTANCE.mapReadOnly(indexPath, Files.size(indexPath), arena);
            index = IndexReader.open(segment, indexPath);
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException {
            arena.close();
            OsStorageFiles.INSTANCE.deleteRecursively(dir);
        }
    }

    @Benchmark
    public int intersectMapped(TwoLists s) {
        return ImmutableRoaringBitmap.and(s.a, s.b).getCardinality();
    }

    @Benchmark
    public int intersectCardinalityOnly(TwoLists s) {
        return ImmutableRoaringBitmap.andCardinality(s.a, s.b);
    }

    @Benchmark
    public int intersectThroughSelector(TwoLists s) {
        return PostingsSelector.select(s.index, List.of(Matcher.equal("x", "1"), Matcher.equal("y", "1")))
                .getCardinality();
    }

    @Benchmark
    public int regexScanningAllValues(ManyValues s) {
        return PostingsSelector.select(s.index, s.scan).getCardinality();
    }

    @Benchmark
    public int regexScanningAllValuesMatchingNone(ManyValues s) {
        return PostingsSelector.select(s.index, s.scanNoMatch).getCardinality();
    }

    /** Decoding the 100k-value dictionary alone, the floor under a scanning regex. */
    @Benchmark
    public int listAllValues(ManyValues s) {
        int total = 0;
        for (String v : s.index.labelValues("instance")) {
            total += v.length();
        }
        return total;
    }

    @Benchmark
    public int regexPrefix(ManyValues s) {
        return PostingsSelector.select(s.index, s.prefix).getCardinality();
    }

    @Benchmark
    public int regexLiteralAlternation(ManyValues s) {
        return PostingsSelector.select(s.index, s.literals).getCardinality();
    }

    private static MutableRoaringBitmap randomIds(Random random) {
        MutableRoaringBitmap b = new MutableRoaringBitmap();
        while (b.getCardinality() < LIST_SIZE) {
            b.add(random.nextInt(UNIVERSE));
        }
        return b;
    }

    /** Runs of 50..5000 consecutive ids, like the postings of one metric name among sorted series. */
    private static MutableRoaringBitmap clusteredIds(Random random) {
        MutableRoaringBitmap b = new MutableRoaringBitmap();
        while (b.getCardinality() < LIST_SIZE) {
            int start = random.nextInt(UNIVERSE);
            int length = 50 + random.nextInt(4950);
            b.add((long) start, Math.min(UNIVERSE, (long) start + length));
        }
        return b;
    }

    /** Writes {@code bitmap} in Roaring's portable format to {@code file} and maps it back. */
    private static ImmutableRoaringBitmap mapped(MutableRoaringBitmap bitmap, Path file, Arena arena) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(bitmap.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
        bitmap.serialize(buffer);
        buffer.flip();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (buffer.hasRemaining()) {
                ch.write(buffer);
            }
        }
        MemorySegment segment = OsStorageFiles.INSTANCE.mapReadOnly(file, Files.size(file), arena);
        return new ImmutableRoaringBitmap(segment.asByteBuffer().order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Labels x="1" and y="1" whose postings are the two mapped lists. */
    private record TwoListIndex(ImmutableRoaringBitmap x, ImmutableRoaringBitmap y) implements LabelIndexReader {
        @Override
        public List<String> labelNames() {
            return List.of("x", "y");
        }

        @Override
        public List<String> labelValues(String name) {
            return name.equals("x") || name.equals("y") ? List.of("1") : List.of();
        }

        @Override
        public ImmutableRoaringBitmap postings(String name, String value) {
            if (!value.equals("1")) {
                return Postings.EMPTY;
            }
            return name.equals("x") ? x : name.equals("y") ? y : Postings.EMPTY;
        }

        @Override
        public ImmutableRoaringBitmap allSeries() {
            return Postings.range(UNIVERSE);
        }
    }
}
