package io.strata.model;

/**
 * A fast, stable 64-bit hash for byte ranges (labels, symbols). Stable across JVMs and versions
 * of Strata: it decides WAL stripes and, later, Kafka partitions, so changing it is a format change.
 *
 * <p>A multiply-xorshift construction over 8-byte words with a final avalanche (the murmur3
 * finaliser); quality is ample for hash tables and sharding, and it needs no tables.
 */
public final class Hashing {
    private static final long SEED = 0x9E3779B97F4A7C15L;
    private static final long M = 0xC6A4A7935BD1E995L;

    private Hashing() {}

    public static long hash64(byte[] b, int off, int len) {
        long h = SEED ^ (len * M);
        int i = off;
        int end = off + len;
        while (i + 8 <= end) {
            long k = (b[i] & 0xffL)
                    | (b[i + 1] & 0xffL) << 8
                    | (b[i + 2] & 0xffL) << 16
                    | (b[i + 3] & 0xffL) << 24
                    | (b[i + 4] & 0xffL) << 32
                    | (b[i + 5] & 0xffL) << 40
                    | (b[i + 6] & 0xffL) << 48
                    | (b[i + 7] & 0xffL) << 56;
            k *= M;
            k ^= k >>> 47;
            k *= M;
            h ^= k;
            h *= M;
            i += 8;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (b[i] & 0xffL) << shift;
        }
        h ^= tail;
        h *= M;
        return mix(h);
    }

    /** The murmur3 64-bit finaliser: every input bit affects every output bit. */
    public static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
