package io.strata.ingest.remotewrite;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 128-bit identity of a series as it appears on the wire: two independent 64-bit hashes,
 * {@link #high()} and {@link #low()}, accumulated over byte ranges with {@link #addBytes} or over
 * pre-hashed parts with {@link #addHashed}. The {@link SeriesCache} trusts a match of both halves
 * without comparing labels, so the argument for that matters:
 *
 * <ul>
 *   <li>The halves use different word mixing (murmur2-64A style and a rotate-multiply scheme with
 *       the splitmix64 finaliser) and seeds drawn at random per cache, so they behave as two
 *       independent 64-bit hash functions. For {@code n} distinct series the chance that any two
 *       share both halves is about {@code n^2 / 2^129}: about {@code 1.5e-27} at a million series,
 *       about {@code 1.5e-21} at a billion series ever seen. Disk and memory bit errors are more
 *       likely by many orders of magnitude.
 *   <li>Random per-process seeds keep a sender from precomputing colliding label sets; even then a
 *       collision would only route samples of one series the sender may write into another series
 *       it may write too.
 * </ul>
 *
 * Equal keys need equal inputs in the same split into parts: a different split of the same bytes
 * is a different key, which only costs a cache miss. One instance per request; not thread-safe.
 */
final class SeriesKey {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long M = 0xC6A4A7935BD1E995L;
    private static final long P1 = 0x9E3779B97F4A7C15L;
    private static final long P2 = 0xD6E8FEB86659FD93L;

    private final long seedHigh;
    private final long seedLow;
    private long high;
    private long low;
    /** Hashes of the last {@link #hashBytes} call. */
    private long partHigh;
    private long partLow;

    SeriesKey(long seedHigh, long seedLow) {
        this.seedHigh = seedHigh;
        this.seedLow = seedLow;
    }

    /** Starts a new key; {@code domain} separates kinds of input (1.0 bytes, 2.0 symbols). */
    void reset(long domain) {
        high = seedHigh ^ domain;
        low = seedLow ^ Long.rotateLeft(domain, 32);
    }

    /** Adds the bytes {@code b[off, off + len)} as one part. */
    void addBytes(byte[] b, int off, int len) {
        hashBytes(b, off, len);
        addHashed(partHigh, partLow);
    }

    /** Adds a part given by its two hashes (from {@link #hashBytes}, cached by the caller). */
    void addHashed(long partHigh, long partLow) {
        high = Long.rotateLeft((high ^ partHigh) * M, 29) + P1;
        low = Long.rotateLeft((low ^ partLow) * P2, 31) + M;
    }

    long high() {
        return murmurFinal(high);
    }

    long low() {
        return splitmixFinal(low);
    }

    /**
     * Hashes {@code b[off, off + len)} into {@link #partHigh()} and {@link #partLow()}, one pass
     * over the bytes for both; the length is mixed in so that parts are self-delimiting.
     */
    void hashBytes(byte[] b, int off, int len) {
        long h = seedHigh ^ (len * M);
        long g = seedLow + len * P2;
        int i = off;
        int end = off + len;
        while (i + 8 <= end) {
            long k = (long) LONG_LE.get(b, i);
            long k1 = k * M;
            k1 ^= k1 >>> 47;
            h = (h ^ (k1 * M)) * M;
            g = Long.rotateLeft(g ^ (k * P2), 31) * P1;
            i += 8;
        }
        long tail = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            tail |= (b[i] & 0xffL) << shift;
        }
        partHigh = murmurFinal((h ^ tail) * M);
        partLow = splitmixFinal(Long.rotateLeft(g ^ (tail * P2), 31) * P1);
    }

    long partHigh() {
        return partHigh;
    }

    long partLow() {
        return partLow;
    }

    private static long murmurFinal(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static long splitmixFinal(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
