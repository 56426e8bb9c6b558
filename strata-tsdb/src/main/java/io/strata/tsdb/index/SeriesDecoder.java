package io.strata.tsdb.index;

import io.strata.model.Labels;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.util.Arrays;

/**
 * Decodes series entries of an index: labels and chunk metadata. Moving forward inside a group of
 * {@link IndexFormatV1#SERIES_GROUP} series continues where the last entry ended, so visiting ids
 * in ascending order (the order of postings) decodes each entry once. Not thread-safe; arrays are
 * reused from one series to the next.
 */
public final class SeriesDecoder {
    /** Symbols of label names and common values repeat across series; caching them saves decoding. */
    private static final int MAX_CACHED_SYMBOLS = 4096;

    private final IndexReader index;
    private final Int2ObjectOpenHashMap<byte[]> symbolCache = new Int2ObjectOpenHashMap<>();
    private SegmentReader in;
    private int current = -1;
    private int[] pairs = new int[32];
    private int pairCount;
    private long nextChunkOffset;
    private int chunkCount;
    private long[] minTimes = new long[8];
    private long[] maxTimes = new long[8];
    private long[] offsets = new long[8];
    private int[] lengths = new int[8];

    SeriesDecoder(IndexReader index) {
        this.index = index;
    }

    /** Decodes series {@code id}. */
    public void seek(int id) {
        if (id < 0 || id >= index.seriesCount()) {
            throw new IllegalArgumentException("series id " + id + " out of range [0, " + index.seriesCount() + ")");
        }
        int group = id / IndexFormatV1.SERIES_GROUP;
        if (in == null || id <= current || group != current / IndexFormatV1.SERIES_GROUP) {
            in = new SegmentReader(index.segment(), index.file(), index.seriesGroupOffset(group), index.seriesEnd());
            current = group * IndexFormatV1.SERIES_GROUP - 1;
            pairCount = 0;
        }
        while (current < id) {
            decodeNext();
        }
    }

    /** Id of the series decoded last. */
    public int id() {
        return current;
    }

    public int chunkCount() {
        return chunkCount;
    }

    public long chunkMinTime(int i) {
        return minTimes[i];
    }

    public long chunkMaxTime(int i) {
        return maxTimes[i];
    }

    /** Offset of chunk {@code i}'s record in the chunks file. */
    public long chunkOffset(int i) {
        return offsets[i];
    }

    /** Length of chunk {@code i}'s record in the chunks file. */
    public int chunkLength(int i) {
        return lengths[i];
    }

    /** The labels of the current series (a new object). */
    public Labels labels() {
        byte[][] parts = new byte[2 * pairCount][];
        int total = 0;
        for (int i = 0; i < 2 * pairCount; i++) {
            byte[] s = symbol(pairs[i]);
            parts[i] = s;
            total += varintSize(s.length) + s.length;
        }
        byte[] packed = new byte[total];
        int p = 0;
        for (byte[] s : parts) {
            int v = s.length;
            while ((v & ~0x7f) != 0) {
                packed[p++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            packed[p++] = (byte) v;
            System.arraycopy(s, 0, packed, p, s.length);
            p += s.length;
        }
        return Labels.wrapPackedUnchecked(packed);
    }

    private byte[] symbol(int id) {
        byte[] s = symbolCache.get(id);
        if (s == null) {
            if (symbolCache.size() >= MAX_CACHED_SYMBOLS) {
                symbolCache.clear();
            }
            s = index.symbols().bytes(id);
            symbolCache.put(id, s);
        }
        return s;
    }

    private void decodeNext() {
        boolean groupStart = (current + 1) % IndexFormatV1.SERIES_GROUP == 0;
        int shared = in.readVarint();
        int fresh = in.readVarint();
        if (shared > pairCount || (groupStart && shared != 0)) {
            throw in.corrupt("series " + (current + 1) + " shares " + shared + " label pairs with a previous series of "
                    + pairCount);
        }
        int total = shared + fresh;
        if (pairs.length < 2 * total) {
            pairs = Arrays.copyOf(pairs, 2 * total);
        }
        for (int i = 2 * shared; i < 2 * total; i++) {
            pairs[i] = in.readVarint();
        }
        pairCount = total;
        int chunks = in.readVarint();
        if (minTimes.length < chunks) {
            int n = Math.max(chunks, minTimes.length * 2);
            minTimes = Arrays.copyOf(minTimes, n);
            maxTimes = Arrays.copyOf(maxTimes, n);
            offsets = Arrays.copyOf(offsets, n);
            lengths = Arrays.copyOf(lengths, n);
        }
        if (groupStart) {
            nextChunkOffset = in.readVarlong();
        }
        long prevMax = 0;
        for (int i = 0; i < chunks; i++) {
            long min = i == 0 ? index.minTime() + in.readSignedVarlong() : prevMax + in.readVarlong();
            long max = min + in.readVarlong();
            int length = in.readVarint();
            minTimes[i] = min;
            maxTimes[i] = max;
            offsets[i] = nextChunkOffset;
            lengths[i] = length;
            nextChunkOffset += length;
            prevMax = max;
        }
        chunkCount = chunks;
        current++;
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v & ~0x7f) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }
}
