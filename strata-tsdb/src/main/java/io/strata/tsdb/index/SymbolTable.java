package io.strata.tsdb.index;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The sorted, distinct strings (label names and values) of an index, addressed by their position
 * ("symbol id"). Stored front-coded in groups of {@link IndexFormatV1#SYMBOL_GROUP}, with a table
 * of group offsets for random access; see {@code docs/format/index.md}. Ids order like their
 * strings, so sorted symbol ids are sorted values. Thread-safe (no mutable state).
 */
public final class SymbolTable {
    private final MemorySegment segment;
    private final Path file;
    private final int count;
    private final long entriesEnd;
    private final long groupsOffset;

    /**
     * @param start offset of the first entry
     * @param groupsOffset offset of the group table, which also ends the entries
     */
    SymbolTable(MemorySegment segment, Path file, int count, long start, long groupsOffset, long groupsEnd) {
        this.segment = segment;
        this.file = file;
        this.count = count;
        this.entriesEnd = groupsOffset;
        this.groupsOffset = groupsOffset;
        long groups = groups(count);
        if (groupsEnd - groupsOffset != groups * 8) {
            throw new CorruptFileException(
                    file, groupsOffset, "symbol group table holds " + (groupsEnd - groupsOffset) + " bytes, "
                            + count + " symbols need " + groups * 8);
        }
        for (long g = 0; g < groups; g++) {
            long off = groupOffset((int) g);
            if (off < start || off >= entriesEnd) {
                throw new CorruptFileException(file, groupsOffset + g * 8, "symbol group offset " + off + " outside the symbols");
            }
        }
    }

    public int size() {
        return count;
    }

    /** The UTF-8 bytes of symbol {@code id} (a fresh array). */
    public byte[] bytes(int id) {
        Scratch s = new Scratch();
        decode(id, s);
        return Arrays.copyOf(s.bytes, s.length);
    }

    public String string(int id) {
        Scratch s = new Scratch();
        decode(id, s);
        return new String(s.bytes, 0, s.length, StandardCharsets.UTF_8);
    }

    /** The id of {@code value}, or -1 when it is not a symbol. */
    public int find(String value) {
        return find(value.getBytes(StandardCharsets.UTF_8));
    }

    /** The id of the symbol with these UTF-8 bytes, or -1. */
    public int find(byte[] key) {
        if (count == 0) {
            return -1;
        }
        // Last group whose first symbol is <= key.
        int lo = 0;
        int hi = groups(count) - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (compareFirstOfGroup(mid, key) <= 0) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        SegmentReader r = new SegmentReader(segment, file, groupOffset(lo), entriesEnd);
        Scratch s = new Scratch();
        int first = lo * IndexFormatV1.SYMBOL_GROUP;
        int last = Math.min(count, first + IndexFormatV1.SYMBOL_GROUP);
        for (int id = first; id < last; id++) {
            if (id == first) {
                readWhole(r, s);
            } else {
                readFrontCoded(r, s);
            }
            int cmp = Arrays.compareUnsigned(s.bytes, 0, s.length, key, 0, key.length);
            if (cmp == 0) {
                return id;
            }
            if (cmp > 0) {
                return -1;
            }
        }
        return -1;
    }

    /**
     * A cursor for visiting ascending ids: moving forward inside a group continues decoding where
     * the last symbol ended instead of restarting at the group. Not thread-safe.
     */
    Cursor cursor() {
        return new Cursor();
    }

    final class Cursor {
        private final Scratch scratch = new Scratch();
        private SegmentReader reader;
        private int current = -1;

        String string(int id) {
            if (id < 0 || id >= count) {
                throw new CorruptFileException(file, -1, "symbol id " + id + " out of range [0, " + count + ")");
            }
            int group = id / IndexFormatV1.SYMBOL_GROUP;
            if (reader == null || id < current || group != current / IndexFormatV1.SYMBOL_GROUP) {
                reader = new SegmentReader(segment, file, groupOffset(group), entriesEnd);
                readWhole(reader, scratch);
                current = group * IndexFormatV1.SYMBOL_GROUP;
            }
            while (current < id) {
                readFrontCoded(reader, scratch);
                current++;
            }
            return new String(scratch.bytes, 0, scratch.length, StandardCharsets.UTF_8);
        }
    }

    /** Decodes symbol {@code id} into {@code s}. */
    void decode(int id, Scratch s) {
        if (id < 0 || id >= count) {
            throw new CorruptFileException(file, -1, "symbol id " + id + " out of range [0, " + count + ")");
        }
        int group = id / IndexFormatV1.SYMBOL_GROUP;
        SegmentReader r = new SegmentReader(segment, file, groupOffset(group), entriesEnd);
        readWhole(r, s);
        for (int i = group * IndexFormatV1.SYMBOL_GROUP; i < id; i++) {
            readFrontCoded(r, s);
        }
    }

    private int compareFirstOfGroup(int group, byte[] key) {
        SegmentReader r = new SegmentReader(segment, file, groupOffset(group), entriesEnd);
        int len = r.readVarint();
        long pos = r.position();
        r.skip(len);
        long mismatch = MemorySegment.mismatch(segment, pos, pos + len, MemorySegment.ofArray(key), 0, key.length);
        if (mismatch == -1) {
            return 0;
        }
        if (mismatch == len) {
            return -1;
        }
        if (mismatch == key.length) {
            return 1;
        }
        return Integer.compare(
                segment.get(ValueLayout.JAVA_BYTE, pos + mismatch) & 0xff, key[(int) mismatch] & 0xff);
    }

    private long groupOffset(int group) {
        return segment.get(SegmentReader.LONG_LE, groupsOffset + group * 8L);
    }

    private static int groups(int count) {
        return (count + IndexFormatV1.SYMBOL_GROUP - 1) / IndexFormatV1.SYMBOL_GROUP;
    }

    private static void readWhole(SegmentReader r, Scratch s) {
        int len = r.readVarint();
        s.ensure(len);
        r.readBytes(s.bytes, 0, len);
        s.length = len;
    }

    private static void readFrontCoded(SegmentReader r, Scratch s) {
        int shared = r.readVarint();
        int suffix = r.readVarint();
        if (shared > s.length) {
            throw r.corrupt("symbol shares " + shared + " bytes with a previous symbol of " + s.length);
        }
        s.ensure(shared + suffix);
        r.readBytes(s.bytes, shared, suffix);
        s.length = shared + suffix;
    }

    /** A growable byte buffer reused while decoding one group. */
    static final class Scratch {
        byte[] bytes = new byte[64];
        int length;

        void ensure(int n) {
            if (bytes.length < n) {
                bytes = Arrays.copyOf(bytes, Math.max(n, bytes.length * 2));
            }
        }
    }

    /** Writes the symbols section: front-coded entries, then the group offset table. */
    static Written write(ChecksummedWriter out, List<byte[]> sorted) throws IOException {
        long start = out.position();
        long[] groupOffsets = new long[groups(sorted.size())];
        byte[] prev = null;
        for (int i = 0; i < sorted.size(); i++) {
            byte[] s = sorted.get(i);
            if (i % IndexFormatV1.SYMBOL_GROUP == 0) {
                groupOffsets[i / IndexFormatV1.SYMBOL_GROUP] = out.position();
                out.writeVarint(s.length);
                out.writeBytes(s);
            } else {
                int mismatch = Arrays.mismatch(prev, s);
                int shared = mismatch < 0 ? s.length : mismatch;
                out.writeVarint(shared);
                out.writeVarint(s.length - shared);
                out.writeBytes(s, shared, s.length - shared);
            }
            prev = s;
        }
        long groupsOffset = out.position();
        for (long off : groupOffsets) {
            out.writeLong(off);
        }
        return new Written(start, groupsOffset);
    }

    record Written(long start, long groupsOffset) {}
}
