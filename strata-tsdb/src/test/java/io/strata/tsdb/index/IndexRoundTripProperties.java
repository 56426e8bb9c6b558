package io.strata.tsdb.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.strata.model.Labels;
import io.strata.model.MatchType;
import io.strata.model.Matcher;
import io.strata.tsdb.fs.OsStorageFiles;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/** An index written by {@link IndexWriter} reads back through {@link IndexReader} as it was given. */
class IndexRoundTripProperties {
    private static final List<String> NAMES = List.of("__name__", "instance", "job", "mode", "Zz", "ü");
    private static final long BLOCK_MIN = 1_700_000_000_000L;

    @Property(tries = 60)
    void readsBackWhatWasWritten(
            @ForAll("seriesSets") List<Map<String, String>> raw, @ForAll("matcherLists") List<Matcher> matchers)
            throws IOException {
        TreeSet<Labels> sorted = new TreeSet<>();
        for (Map<String, String> m : raw) {
            sorted.add(Labels.fromMap(m));
        }
        List<Labels> series = new ArrayList<>(sorted);
        Path dir = Files.createTempDirectory("index-rt");
        try {
            MemoryLabelIndex reference = new MemoryLabelIndex();
            Path spillPath = dir.resolve("spill");
            long offset = 8;
            try (SeriesSpill.Writer spill = new SeriesSpill.Writer(OsStorageFiles.INSTANCE, spillPath)) {
                for (int id = 0; id < series.size(); id++) {
                    int chunks = id % 4;
                    spill.beginSeries(series.get(id), offset, chunks);
                    for (int c = 0; c < chunks; c++) {
                        spill.chunk(BLOCK_MIN + c * 1000L - (id % 3), BLOCK_MIN + c * 1000L + 500 + id, 20 + id + c);
                        offset += 20 + id + c;
                    }
                    reference.add(series.get(id), id);
                }
                spill.finish();
            }
            Path indexPath = dir.resolve("index");
            try (SeriesSpill.Reader spill = new SeriesSpill.Reader(OsStorageFiles.INSTANCE, spillPath)) {
                IndexWriter.write(OsStorageFiles.INSTANCE, indexPath, BLOCK_MIN, BLOCK_MIN + 7_200_000, reference, spill);
            }
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment seg = OsStorageFiles.INSTANCE.mapReadOnly(indexPath, Files.size(indexPath), arena);
                IndexReader index = IndexReader.open(seg, indexPath);
                assertThat(index.seriesCount()).isEqualTo(series.size());
                assertThat(index.labelNames()).isEqualTo(reference.labelNames());
                for (String name : NAMES) {
                    assertThat(index.labelValues(name)).isEqualTo(reference.labelValues(name));
                    List<String> values = index.labelValues(name);
                    for (int i = 0; i < values.size(); i++) {
                        assertThat(index.postings(name, values.get(i))).isEqualTo(reference.postings(name, values.get(i)));
                        assertThat(index.postingsAt(name, values, i)).isEqualTo(reference.postings(name, values.get(i)));
                    }
                }
                assertThat(index.postings("job", "no-such-value")).isEqualTo(Postings.EMPTY);
                assertThat(index.postings("no-such-name", "x")).isEqualTo(Postings.EMPTY);
                assertThat(index.allSeries()).isEqualTo(reference.allSeries());
                assertThat(PostingsSelector.selectFromAll(index, matchers))
                        .isEqualTo(PostingsSelector.selectFromAll(reference, matchers));

                SeriesDecoder decoder = index.seriesDecoder();
                long expectedOffset = 8;
                for (int id = 0; id < series.size(); id++) {
                    decoder.seek(id);
                    assertThat(decoder.labels()).isEqualTo(series.get(id));
                    assertThat(decoder.chunkCount()).isEqualTo(id % 4);
                    for (int c = 0; c < decoder.chunkCount(); c++) {
                        assertThat(decoder.chunkMinTime(c)).isEqualTo(BLOCK_MIN + c * 1000L - (id % 3));
                        assertThat(decoder.chunkMaxTime(c)).isEqualTo(BLOCK_MIN + c * 1000L + 500 + id);
                        assertThat(decoder.chunkOffset(c)).isEqualTo(expectedOffset);
                        assertThat(decoder.chunkLength(c)).isEqualTo(20 + id + c);
                        expectedOffset += 20 + id + c;
                    }
                }
                // Random access backwards and across groups decodes the same entries.
                for (int id = series.size() - 1; id >= 0; id -= 7) {
                    decoder.seek(id);
                    assertThat(decoder.labels()).isEqualTo(series.get(id));
                }
            }
        } finally {
            OsStorageFiles.INSTANCE.deleteRecursively(dir);
        }
    }

    @Provide
    Arbitrary<List<Map<String, String>>> seriesSets() {
        Arbitrary<String> values = Arbitraries.oneOf(
                Arbitraries.of("a", "b", "node", "idle", "user", "10.0.0.1:9100", "10.0.0.12:9100", "ü", "\uD83D\uDE00"),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(12));
        return Arbitraries.maps(Arbitraries.of(NAMES), values).ofMinSize(1).ofMaxSize(NAMES.size()).list().ofMaxSize(120);
    }

    @Provide
    Arbitrary<List<Matcher>> matcherLists() {
        Arbitrary<Matcher> matcher = Combinators.combine(
                        Arbitraries.of(MatchType.class),
                        Arbitraries.of(NAMES),
                        Arbitraries.of("a", "node", "", "10.0.0.1.*", "a|b|user", ".*e", ".+", "i.*e"))
                .as(Matcher::of);
        return matcher.list().ofMaxSize(3);
    }

    static List<Integer> ids(ImmutableRoaringBitmap b) {
        List<Integer> out = new ArrayList<>();
        b.forEach((int i) -> out.add(i));
        return out;
    }
}
