package io.strata.tsdb.head;

import io.strata.model.Hashing;
import io.strata.model.Labels;
import it.unimi.dsi.fastutil.bytes.ByteArrays;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenCustomHashMap;
import java.util.Arrays;

/**
 * The label strings of the head, each distinct name and value stored once (UTF-8) and referred to
 * by an int id. A series keeps its labels as an {@code int[]} of name/value ids: 56 bytes for five
 * pairs where the packed bytes take about 116, and the strings themselves (metric names, job,
 * instance, mode...) are shared by thousands of series.
 *
 * <p>Ids are counted: {@link #release} frees a string when its last series is gone, and the id is
 * reused. The head releases a removed series' ids only once no querier that could still hold the
 * series is open (see {@link Head#removeIdleSeries}), since {@link #pack} of freed ids would read
 * another string.
 *
 * <p>Thread-safe: {@link #intern} and {@link #release} are serialised (series creation and removal
 * are rare next to samples); {@link #pack} and {@link #matches} read without a lock, which is safe
 * for the ids of a live series: they were stored before the series was published, and are neither
 * changed nor freed while it lives.
 */
final class HeadSymbols {
    /** Id to UTF-8 bytes; the array is replaced (never shrunk) when it grows. */
    private volatile byte[][] strings = new byte[1024][];
    private int[] counts = new int[1024];
    private final Object2IntOpenCustomHashMap<byte[]> ids = new Object2IntOpenCustomHashMap<>(ByteArrays.HASH_STRATEGY);
    private final IntArrayList free = new IntArrayList();
    private int next;
    private long bytes;

    HeadSymbols() {
        ids.defaultReturnValue(-1);
    }

    /** The ids of {@code labels}' names and values, in order; each id's count is raised by one. */
    synchronized int[] intern(Labels labels) {
        byte[] packed = labels.packedBytes();
        int[] out = new int[countStrings(packed)];
        int k = 0;
        for (int p = 0; p < packed.length; ) {
            int len = readVarint(packed, p);
            int start = p + varintSize(len);
            out[k++] = intern(Arrays.copyOfRange(packed, start, start + len));
            p = start + len;
        }
        return out;
    }

    private int intern(byte[] s) {
        int id = ids.getInt(s);
        if (id < 0) {
            id = free.isEmpty() ? next++ : free.popInt();
            byte[][] all = strings;
            if (id >= all.length) {
                all = Arrays.copyOf(all, all.length * 2);
                counts = Arrays.copyOf(counts, all.length);
            }
            all[id] = s;
            strings = all; // volatile write publishes the entry (and a grown array)
            ids.put(s, id);
            bytes += s.length;
        }
        counts[id]++;
        return id;
    }

    /** Lowers the counts of {@code symbols}; strings no series uses any more are freed. */
    synchronized void release(int[] symbols) {
        byte[][] all = strings;
        for (int id : symbols) {
            if (--counts[id] == 0) {
                byte[] s = all[id];
                ids.removeInt(s);
                all[id] = null;
                free.add(id);
                bytes -= s.length;
            }
        }
        strings = all;
    }

    /** The packed labels ({@link Labels#packedBytes()} layout) of {@code symbols}: a new array. */
    byte[] pack(int[] symbols) {
        byte[][] all = strings;
        int total = 0;
        for (int id : symbols) {
            int len = all[id].length;
            total += varintSize(len) + len;
        }
        byte[] out = new byte[total];
        int p = 0;
        for (int id : symbols) {
            byte[] s = all[id];
            p = putVarint(out, p, s.length);
            System.arraycopy(s, 0, out, p, s.length);
            p += s.length;
        }
        return out;
    }

    Labels labels(int[] symbols) {
        return Labels.wrapPackedUnchecked(pack(symbols));
    }

    /** Whether {@code symbols} spell exactly {@code labels}; allocates nothing. */
    boolean matches(int[] symbols, Labels labels) {
        byte[] packed = labels.packedBytes();
        byte[][] all = strings;
        int p = 0;
        for (int id : symbols) {
            if (p >= packed.length) {
                return false;
            }
            int len = readVarint(packed, p);
            int start = p + varintSize(len);
            byte[] s = all[id];
            if (s.length != len || !Arrays.equals(s, 0, len, packed, start, start + len)) {
                return false;
            }
            p = start + len;
        }
        return p == packed.length;
    }

    /** {@link Labels#hash64()} of the labels {@code symbols} spell. */
    long hash64(int[] symbols) {
        byte[] packed = pack(symbols);
        return Hashing.hash64(packed, 0, packed.length);
    }

    /** Heap bytes of the table: strings, their map entries and the id arrays. */
    synchronized long retainedBytes() {
        return bytes + (long) ids.size() * (16 + 16) + 8L * strings.length + 16;
    }

    synchronized int size() {
        return ids.size();
    }

    private static int countStrings(byte[] packed) {
        int n = 0;
        for (int p = 0; p < packed.length; n++) {
            int len = readVarint(packed, p);
            p += varintSize(len) + len;
        }
        return n;
    }

    private static int readVarint(byte[] b, int p) {
        int result = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b[p++];
            result |= (x & 0x7f) << shift;
            if (x >= 0) {
                return result;
            }
        }
    }

    private static int varintSize(int v) {
        int n = 1;
        while ((v & ~0x7f) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    private static int putVarint(byte[] dst, int p, int v) {
        while ((v & ~0x7f) != 0) {
            dst[p++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        dst[p++] = (byte) v;
        return p;
    }
}
