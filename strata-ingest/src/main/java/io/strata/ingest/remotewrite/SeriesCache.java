package io.strata.ingest.remotewrite;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * Storage refs of recently written series by their {@link SeriesKey}, so that a series seen
 * before skips label validation, label building and the storage's by-labels lookup (the role of
 * VictoriaMetrics's MetricName-to-TSID cache). Only an accelerator: a missing entry costs the full
 * path, a stale ref is detected by the storage ({@link io.strata.storage.AppendStatus#UNKNOWN_SERIES})
 * and replaced.
 *
 * <pre>
 * 128 stripes, stripe = key.high &gt;&gt;&gt; 57, each: StampedLock + long[] table of slots
 * slot = [high, low, ref]  (24 bytes, so a hit usually costs one cache miss; ref 0 = empty)
 * open addressing, linear probing from fastrange(key.low, slots)
 * grows by 1.25x at load 0.8, so 30 to 38 bytes per cached series
 * a stripe at its share of the capacity is cleared (simple eviction: the cache only speeds up)
 * </pre>
 *
 * <p>Thread-safe; lookups take no lock (an optimistic read validated against the stripe's stamp,
 * retried under the read lock when a writer interfered), writes lock one stripe.
 */
final class SeriesCache {
    static final int DEFAULT_CAPACITY = 1 << 20;

    private static final int STRIPE_BITS = 7;
    private static final int STRIPES = 1 << STRIPE_BITS;
    private static final int INITIAL_SLOTS = 16;
    private static final int SLOT_LONGS = 3;
    private static final double MAX_LOAD = 0.8;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final int maxPerStripe;
    /** Seeds of the keys, random per cache (see {@link SeriesKey} on why). */
    private final long seedHigh;
    private final long seedLow;

    /** @param capacity series to hold before stripes start being cleared; at least 1 */
    SeriesCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("series cache capacity must be at least 1, got " + capacity);
        }
        this.maxPerStripe = Math.max(1, capacity / STRIPES);
        SecureRandom random = new SecureRandom();
        this.seedHigh = random.nextLong();
        this.seedLow = random.nextLong();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe();
        }
    }

    /** A key builder with this cache's seeds, for one request. */
    SeriesKey newKey() {
        return new SeriesKey(seedHigh, seedLow);
    }

    /** The ref stored for the key, or 0. */
    long get(long high, long low) {
        Stripe s = stripes[(int) (high >>> (64 - STRIPE_BITS))];
        long stamp = s.lock.tryOptimisticRead();
        long ref = s.find(high, low);
        if (s.lock.validate(stamp)) {
            return ref;
        }
        stamp = s.lock.readLock();
        try {
            return s.find(high, low);
        } finally {
            s.lock.unlockRead(stamp);
        }
    }

    /** Stores {@code ref} (not 0) for the key, replacing an earlier one. */
    void put(long high, long low, long ref) {
        if (ref == 0) {
            throw new IllegalArgumentException("BUG: ref 0 is not a series ref");
        }
        Stripe s = stripes[(int) (high >>> (64 - STRIPE_BITS))];
        long stamp = s.lock.writeLock();
        try {
            s.put(high, low, ref, maxPerStripe);
        } finally {
            s.lock.unlockWrite(stamp);
        }
    }

    /** Series held now. */
    long size() {
        long n = 0;
        for (Stripe s : stripes) {
            long stamp = s.lock.readLock();
            try {
                n += s.size;
            } finally {
                s.lock.unlockRead(stamp);
            }
        }
        return n;
    }

    /** Approximate heap bytes: the tables plus the fixed per-stripe overhead. */
    long retainedBytes() {
        long bytes = 16 + 4L * STRIPES;
        for (Stripe s : stripes) {
            long stamp = s.lock.readLock();
            try {
                bytes += 16 + 8L * s.table.length + 32 + 48; // array, stripe object, its lock
            } finally {
                s.lock.unlockRead(stamp);
            }
        }
        return bytes;
    }

    /** Times a stripe was cleared because it was full. */
    long evictions() {
        long n = 0;
        for (Stripe s : stripes) {
            long stamp = s.lock.readLock();
            try {
                n += s.evictions;
            } finally {
                s.lock.unlockRead(stamp);
            }
        }
        return n;
    }

    private static final class Stripe {
        final StampedLock lock = new StampedLock();
        /** Replaced when growing, under the write lock; read optimistically. */
        long[] table = new long[INITIAL_SLOTS * SLOT_LONGS];
        int size;
        long evictions;

        /**
         * May run concurrently with a writer (optimistic read): it then reads garbage that the
         * caller discards, but every index stays inside the array it holds and the probe count is
         * bounded by the number of slots.
         */
        long find(long high, long low) {
            long[] t = table;
            int slots = t.length / SLOT_LONGS;
            int i = home(low, slots);
            for (int probes = 0; probes < slots; probes++) {
                int at = i * SLOT_LONGS;
                long ref = t[at + 2];
                if (ref == 0) {
                    return 0;
                }
                if (t[at] == high && t[at + 1] == low) {
                    return ref;
                }
                i = i + 1 == slots ? 0 : i + 1;
            }
            return 0;
        }

        void put(long high, long low, long ref, int maxEntries) {
            if (replace(high, low, ref)) {
                return;
            }
            int slots = table.length / SLOT_LONGS;
            if (size >= maxEntries || size + 1 > slots * MAX_LOAD) {
                int largest = (int) Math.ceil(maxEntries / MAX_LOAD) + 1;
                int next = Math.min(largest, slots + Math.max(1, slots >> 2));
                if (size >= maxEntries || next <= slots) {
                    Arrays.fill(table, 0);
                    size = 0;
                    evictions++;
                } else {
                    rehash(next);
                }
            }
            insert(table, high, low, ref);
        }

        private boolean replace(long high, long low, long ref) {
            long[] t = table;
            int slots = t.length / SLOT_LONGS;
            int i = home(low, slots);
            for (int probes = 0; probes < slots; probes++) {
                int at = i * SLOT_LONGS;
                if (t[at + 2] == 0) {
                    return false;
                }
                if (t[at] == high && t[at + 1] == low) {
                    t[at + 2] = ref;
                    return true;
                }
                i = i + 1 == slots ? 0 : i + 1;
            }
            return false;
        }

        private void insert(long[] t, long high, long low, long ref) {
            int slots = t.length / SLOT_LONGS;
            int i = home(low, slots);
            while (true) {
                int at = i * SLOT_LONGS;
                if (t[at + 2] == 0) {
                    t[at] = high;
                    t[at + 1] = low;
                    t[at + 2] = ref;
                    size++;
                    return;
                }
                if (t[at] == high && t[at + 1] == low) {
                    t[at + 2] = ref;
                    return;
                }
                i = i + 1 == slots ? 0 : i + 1;
            }
        }

        private void rehash(int slots) {
            long[] old = table;
            long[] grown = new long[slots * SLOT_LONGS];
            size = 0;
            for (int at = 0; at < old.length; at += SLOT_LONGS) {
                if (old[at + 2] != 0) {
                    insert(grown, old[at], old[at + 1], old[at + 2]);
                }
            }
            table = grown;
        }

        /** Lemire's multiply-shift range reduction: any table size, no division. */
        private static int home(long low, int slots) {
            return (int) (((low >>> 32) * slots) >>> 32);
        }
    }
}
