package io.strata.tsdb.index;

import io.strata.model.Utf8Order;

import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;

/**
 * Reads a block's index file (format: {@code docs/format/index.md}) from a mapped segment.
 * {@link #open} checks the header, the whole-file CRC32C and the table of contents, so a damaged
 * index is refused before any query reads it; afterwards lookups decode in place.
 *
 * <p>Thread-safe. The value list and postings offsets of a label name are decoded on first use and
 * kept (4 + 8 bytes per distinct value). Everything returned reads the mapped segment and is valid
 * only while the segment's arena is open.
 */
public final class IndexReader implements LabelIndexReader {
    private final MemorySegment segment;
    private final Path file;
    private final long minTime;
    private final long maxTime;
    private final SymbolTable symbols;
    private final int seriesCount;
    private final long seriesStart;
    private final long seriesGroupsOffset;
    private final long postingsStart;
    private final long labelsStart;
    private final long tocStart;
    private final String[] names;
    private final List<String> nameList;
    private final int[] valueCounts;
    private final long[] valueListPositions;
    private final long[] firstPostings;
    private final AtomicReferenceArray<NameValues> decodedValues;
    private final ImmutableRoaringBitmap all;

    private IndexReader(MemorySegment segment, Path file) {
        this.segment = segment;
        this.file = file;
        Checksums.verifyHeader(segment, file, IndexFormatV1.MAGIC, "index", IndexFormatV1.VERSION);
        Checksums.verifyFooter(segment, file);
        long size = segment.byteSize();
        tocStart = size - IndexFormatV1.FOOTER_BYTES - IndexFormatV1.TOC_BYTES;
        if (tocStart < IndexFormatV1.HEADER_BYTES) {
            throw new CorruptFileException(file, 0, "index of " + size + " bytes is too short for its table of contents");
        }
        SegmentReader toc = new SegmentReader(segment, file, tocStart, size - IndexFormatV1.FOOTER_BYTES);
        minTime = toc.readLong();
        maxTime = toc.readLong();
        int symbolCount = toc.readInt();
        seriesCount = toc.readInt();
        int nameCount = toc.readInt();
        long symbolsStart = toc.readLong();
        long symbolGroups = toc.readLong();
        seriesStart = toc.readLong();
        seriesGroupsOffset = toc.readLong();
        postingsStart = toc.readLong();
        labelsStart = toc.readLong();
        long[] order = {IndexFormatV1.HEADER_BYTES, symbolsStart, symbolGroups, seriesStart, seriesGroupsOffset,
            postingsStart, labelsStart, tocStart};
        for (int i = 1; i < order.length; i++) {
            if (order[i] < order[i - 1]) {
                throw new CorruptFileException(file, tocStart, "table of contents is out of order: " + Arrays.toString(order));
            }
        }
        if (symbolCount < 0 || seriesCount < 0 || nameCount < 0) {
            throw new CorruptFileException(file, tocStart, "negative count in the table of contents");
        }
        long seriesGroups = (seriesCount + (long) IndexFormatV1.SERIES_GROUP - 1) / IndexFormatV1.SERIES_GROUP;
        if (postingsStart - seriesGroupsOffset != seriesGroups * 8) {
            throw new CorruptFileException(file, seriesGroupsOffset, "series group table holds "
                    + (postingsStart - seriesGroupsOffset) + " bytes, " + seriesCount + " series need " + seriesGroups * 8);
        }
        symbols = new SymbolTable(segment, file, symbolCount, symbolsStart, symbolGroups, seriesStart);
        names = new String[nameCount];
        valueCounts = new int[nameCount];
        valueListPositions = new long[nameCount];
        firstPostings = new long[nameCount];
        SegmentReader r = new SegmentReader(segment, file, labelsStart, tocStart);
        for (int i = 0; i < nameCount; i++) {
            names[i] = symbols.string(r.readVarint());
            if (i > 0 && Utf8Order.INSTANCE.compare(names[i - 1], names[i]) >= 0) {
                throw r.corrupt("label names out of order: " + names[i - 1] + " then " + names[i]);
            }
            valueCounts[i] = r.readVarint();
            firstPostings[i] = r.readVarlong();
            valueListPositions[i] = r.position();
            for (int v = 0; v < 2 * valueCounts[i]; v++) {
                r.readVarint();
            }
        }
        nameList = List.of(names);
        decodedValues = new AtomicReferenceArray<>(nameCount);
        all = Postings.range(seriesCount);
    }

    /**
     * Opens the index mapped in {@code segment}.
     *
     * @throws CorruptFileException when the file is not a readable index of a known version
     */
    public static IndexReader open(MemorySegment segment, Path file) {
        try {
            return new IndexReader(segment, file);
        } catch (IndexOutOfBoundsException e) {
            throw new CorruptFileException(file, -1, "index structure points outside the file", e);
        }
    }

    public long minTime() {
        return minTime;
    }

    public long maxTime() {
        return maxTime;
    }

    public int seriesCount() {
        return seriesCount;
    }

    public SymbolTable symbols() {
        return symbols;
    }

    /** A decoder for series entries; one per thread. */
    public SeriesDecoder seriesDecoder() {
        return new SeriesDecoder(this);
    }

    @Override
    public List<String> labelNames() {
        return nameList;
    }

    @Override
    public List<String> labelValues(String name) {
        int n = nameIndex(name);
        return n < 0 ? List.of() : new ValueList(values(n));
    }

    @Override
    public ImmutableRoaringBitmap postings(String name, String value) {
        int n = nameIndex(name);
        if (n < 0) {
            return Postings.EMPTY;
        }
        int sym = symbols.find(value);
        if (sym < 0) {
            return Postings.EMPTY;
        }
        NameValues nv = values(n);
        int pos = Arrays.binarySearch(nv.symbols, sym);
        return pos < 0 ? Postings.EMPTY : nv.postings(pos);
    }

    @Override
    public ImmutableRoaringBitmap postingsAt(String name, List<String> values, int position) {
        if (values instanceof ValueList list && list.values.reader == this) {
            return list.values.postings(list.from + Objects.checkIndex(position, list.size()));
        }
        return postings(name, values.get(position));
    }

    @Override
    public ImmutableRoaringBitmap allSeries() {
        return all;
    }

    /**
     * Checks every byte and structure: the file checksum, each name's values and postings, each
     * series entry.
     *
     * @throws CorruptFileException at the first problem
     */
    public void verify() {
        Checksums.verifyFooter(segment, file);
        for (int n = 0; n < names.length; n++) {
            NameValues nv = decodeValues(n);
            for (int i = 0; i < nv.symbols.length; i++) {
                nv.postings(i).getCardinality();
            }
        }
        SeriesDecoder decoder = seriesDecoder();
        for (int id = 0; id < seriesCount; id++) {
            decoder.seek(id);
            decoder.labels();
        }
    }

    /** Size in bytes of the postings of every pair, for statistics. */
    public long postingsBytes() {
        return labelsStart - postingsStart;
    }

    /** Size in bytes of the series section, for statistics. */
    public long seriesBytes() {
        return postingsStart - seriesStart;
    }

    private int nameIndex(String name) {
        return Arrays.binarySearch(names, name, Utf8Order.INSTANCE);
    }

    private NameValues values(int n) {
        NameValues nv = decodedValues.get(n);
        if (nv == null) {
            nv = decodeValues(n);
            decodedValues.set(n, nv); // a racing thread may decode it too; both results are equal
        }
        return nv;
    }

    private NameValues decodeValues(int n) {
        SegmentReader r = new SegmentReader(segment, file, valueListPositions[n], tocStart);
        int count = valueCounts[n];
        int[] syms = new int[count];
        int sym = 0;
        for (int i = 0; i < count; i++) {
            int delta = r.readVarint();
            if (i > 0 && delta == 0) {
                throw r.corrupt("values of label " + names[n] + " repeat symbol " + sym);
            }
            sym += delta;
            if (sym < 0 || sym >= symbols.size()) {
                throw r.corrupt("value symbol " + sym + " of label " + names[n] + " out of range");
            }
            syms[i] = sym;
        }
        long[] offsets = new long[count + 1];
        offsets[0] = postingsStart + firstPostings[n];
        for (int i = 0; i < count; i++) {
            offsets[i + 1] = offsets[i] + r.readVarint();
        }
        if (offsets[count] > labelsStart) {
            throw r.corrupt("postings of label " + names[n] + " end at " + offsets[count]
                    + ", past their section's end " + labelsStart);
        }
        return new NameValues(this, syms, offsets);
    }

    MemorySegment segment() {
        return segment;
    }

    Path file() {
        return file;
    }

    long seriesGroupOffset(int group) {
        long off = segment.get(SegmentReader.LONG_LE, seriesGroupsOffset + group * 8L);
        if (off < seriesStart || off >= seriesGroupsOffset) {
            throw new CorruptFileException(file, seriesGroupsOffset + group * 8L, "series group offset " + off
                    + " outside the series section");
        }
        return off;
    }

    long seriesEnd() {
        return seriesGroupsOffset;
    }

    /** The decoded value symbols of one label name and where each value's postings are. */
    private record NameValues(IndexReader reader, int[] symbols, long[] postingsOffsets) {
        ImmutableRoaringBitmap postings(int position) {
            long from = postingsOffsets[position];
            return PostingsCodec.read(reader.segment, reader.file, from, postingsOffsets[position + 1] - from);
        }
    }

    /** Values of one name as strings (positions {@code from .. to-1} of its dictionary), decoded on access. */
    private static final class ValueList extends AbstractList<String> implements RandomAccess {
        private final NameValues values;
        private final int from;
        private final int to;

        ValueList(NameValues values) {
            this(values, 0, values.symbols.length);
        }

        private ValueList(NameValues values, int from, int to) {
            this.values = values;
            this.from = from;
            this.to = to;
        }

        @Override
        public String get(int index) {
            Objects.checkIndex(index, to - from);
            return values.reader.symbols.string(values.symbols[from + index]);
        }

        @Override
        public int size() {
            return to - from;
        }

        @Override
        public List<String> subList(int fromIndex, int toIndex) {
            Objects.checkFromToIndex(fromIndex, toIndex, to - from);
            return new ValueList(values, from + fromIndex, from + toIndex);
        }

        /** Decodes sequentially: ascending symbols mostly share a group with their predecessor. */
        @Override
        public Iterator<String> iterator() {
            SymbolTable.Cursor cursor = values.reader.symbols.cursor();
            int[] symbols = values.symbols;
            return new Iterator<>() {
                private int next = from;

                @Override
                public boolean hasNext() {
                    return next < to;
                }

                @Override
                public String next() {
                    if (next >= to) {
                        throw new NoSuchElementException();
                    }
                    return cursor.string(symbols[next++]);
                }
            };
        }
    }
}
