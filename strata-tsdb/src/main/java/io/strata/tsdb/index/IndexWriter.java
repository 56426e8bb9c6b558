package io.strata.tsdb.index;

import io.strata.model.Utf8Order;

import io.strata.tsdb.fs.StorageFiles;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * Writes a block's index file (format: {@code docs/format/index.md}, {@link IndexFormatV1}) from
 * the postings collected while the chunks were written and the series spilled meanwhile:
 *
 * <pre>
 * header | symbols | series | postings | label values | TOC | CRC32C
 * </pre>
 */
public final class IndexWriter {
    private IndexWriter() {}

    /**
     * Writes, fsyncs and closes the index at {@code path}.
     *
     * @param postings the pairs of every series, ids in spill order
     * @param series the spilled series in id (= label) order
     * @return the size of the file in bytes
     */
    public static long write(
            StorageFiles files, Path path, long minTime, long maxTime, MemoryLabelIndex postings, SeriesSpill.Reader series)
            throws IOException {
        List<String> symbols = sortedSymbols(postings);
        Object2IntOpenHashMap<String> ids = new Object2IntOpenHashMap<>(symbols.size());
        ids.defaultReturnValue(-1);
        List<byte[]> utf8 = new ArrayList<>(symbols.size());
        for (String s : symbols) {
            ids.put(s, ids.size());
            utf8.add(s.getBytes(StandardCharsets.UTF_8));
        }
        try (ChecksummedWriter out = ChecksummedWriter.create(files, path)) {
            Checksums.writeHeader(out, IndexFormatV1.MAGIC, IndexFormatV1.VERSION);
            SymbolTable.Written sym = SymbolTable.write(out, utf8);
            long seriesStart = out.position();
            SeriesSection written = writeSeries(out, series, ids, minTime);
            long postingsStart = out.position();
            Map<String, TreeMap<String, MutableRoaringBitmap>> byName = postings.byName();
            List<int[]> lengths = new ArrayList<>(byName.size());
            long[] firstEntry = new long[byName.size()];
            int n = 0;
            for (TreeMap<String, MutableRoaringBitmap> values : byName.values()) {
                firstEntry[n] = out.position() - postingsStart;
                int[] len = new int[values.size()];
                int v = 0;
                for (MutableRoaringBitmap p : values.values()) {
                    len[v++] = PostingsCodec.write(out, p);
                }
                lengths.add(len);
                n++;
            }
            long labelsStart = out.position();
            n = 0;
            for (Map.Entry<String, TreeMap<String, MutableRoaringBitmap>> e : byName.entrySet()) {
                out.writeVarint(ids.getInt(e.getKey()));
                out.writeVarint(e.getValue().size());
                out.writeVarlong(firstEntry[n]);
                int prev = 0;
                for (String value : e.getValue().keySet()) {
                    int id = ids.getInt(value);
                    out.writeVarint(id - prev);
                    prev = id;
                }
                for (int len : lengths.get(n)) {
                    out.writeVarint(len);
                }
                n++;
            }
            // TOC: fixed size, found from the end of the file.
            out.writeLong(minTime);
            out.writeLong(maxTime);
            out.writeInt(symbols.size());
            out.writeInt(written.count);
            out.writeInt(byName.size());
            out.writeLong(sym.start());
            out.writeLong(sym.groupsOffset());
            out.writeLong(seriesStart);
            out.writeLong(written.groupsOffset);
            out.writeLong(postingsStart);
            out.writeLong(labelsStart);
            return out.finish();
        }
    }

    private static List<String> sortedSymbols(MemoryLabelIndex postings) {
        TreeSet<String> all = new TreeSet<>(Utf8Order.INSTANCE);
        for (Map.Entry<String, TreeMap<String, MutableRoaringBitmap>> e : postings.byName().entrySet()) {
            all.add(e.getKey());
            all.addAll(e.getValue().keySet());
        }
        return new ArrayList<>(all);
    }

    private record SeriesSection(int count, long groupsOffset) {}

    private static SeriesSection writeSeries(
            ChecksummedWriter out, SeriesSpill.Reader series, Object2IntOpenHashMap<String> ids, long blockMinTime)
            throws IOException {
        LongArrayList groupOffsets = new LongArrayList();
        int[] prevPairs = new int[0];
        int prevPairCount = 0;
        long nextChunkOffset = 0;
        int count = 0;
        while (series.next()) {
            boolean groupStart = count % IndexFormatV1.SERIES_GROUP == 0;
            if (groupStart) {
                groupOffsets.add(out.position());
                prevPairCount = 0;
            }
            int[] pairs = symbolPairs(series, ids);
            int pairCount = pairs.length / 2;
            int shared = 0;
            while (shared < pairCount && shared < prevPairCount
                    && pairs[2 * shared] == prevPairs[2 * shared]
                    && pairs[2 * shared + 1] == prevPairs[2 * shared + 1]) {
                shared++;
            }
            out.writeVarint(shared);
            out.writeVarint(pairCount - shared);
            for (int i = 2 * shared; i < pairs.length; i++) {
                out.writeVarint(pairs[i]);
            }
            int chunks = series.chunkCount();
            out.writeVarint(chunks);
            if (groupStart) {
                out.writeVarlong(series.firstChunkOffset());
                nextChunkOffset = series.firstChunkOffset();
            } else if (chunks > 0 && series.firstChunkOffset() != nextChunkOffset) {
                throw new IllegalStateException("BUG: chunks of series " + series.labels() + " start at "
                        + series.firstChunkOffset() + ", not right after the previous series at " + nextChunkOffset);
            }
            long prevMax = 0;
            for (int i = 0; i < chunks; i++) {
                long min = series.minTime(i);
                long max = series.maxTime(i);
                if (i == 0) {
                    out.writeSignedVarlong(min - blockMinTime);
                } else {
                    out.writeVarlong(min - prevMax);
                }
                out.writeVarlong(max - min);
                out.writeVarint(series.length(i));
                nextChunkOffset += series.length(i);
                prevMax = max;
            }
            prevPairs = pairs;
            prevPairCount = pairCount;
            count++;
        }
        long groupsOffset = out.position();
        for (int i = 0; i < groupOffsets.size(); i++) {
            out.writeLong(groupOffsets.getLong(i));
        }
        return new SeriesSection(count, groupsOffset);
    }

    private static int[] symbolPairs(SeriesSpill.Reader series, Object2IntOpenHashMap<String> ids) {
        List<String> parts = new ArrayList<>();
        series.labels().forEach((name, value) -> {
            parts.add(name);
            parts.add(value);
        });
        int[] pairs = new int[parts.size()];
        for (int i = 0; i < pairs.length; i++) {
            int id = ids.getInt(parts.get(i));
            if (id < 0) {
                throw new IllegalStateException("BUG: label string " + parts.get(i) + " of " + series.labels()
                        + " is missing from the postings");
            }
            pairs[i] = id;
        }
        return pairs;
    }
}
