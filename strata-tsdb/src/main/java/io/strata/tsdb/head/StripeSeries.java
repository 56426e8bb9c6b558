package io.strata.tsdb.head;

import io.strata.model.Labels;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The registry of head series, found by ref or by labels (Prometheus's {@code stripeSeries}).
 *
 * <pre>
 * by labels: 1 &lt;&lt; 14 stripes, stripe = hash64 &amp; mask, each a lock + map hash64 -&gt; series
 *            (a {@code HeadSeries[]} on the rare 64-bit hash collision)
 * by ref:    pages[ref &gt;&gt;&gt; 12][ref &amp; 4095], read without a lock
 * </pre>
 *
 * <p>Lookups by ref are the hot path (every sample of a client that caches refs), so they take no
 * lock: refs are dense, so a paged array costs 4 bytes a series where a striped hash map by ref
 * would cost 20 to 40, and a plain acquire read is the whole lookup. Writes to a page happen under
 * the labels stripe lock of the series concerned and are published with release semantics.
 * A page whose series are all gone is dropped, so churn does not leave empty pages behind.
 *
 * <p>Label lookups and creation lock one of 16384 stripes, so concurrent appenders creating
 * different series rarely meet.
 */
final class StripeSeries {
    static final int STRIPES = 1 << 14;
    private static final int STRIPE_MASK = STRIPES - 1;
    private static final int PAGE_BITS = 12;
    private static final int PAGE_SIZE = 1 << PAGE_BITS;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(HeadSeries[].class);

    @SuppressWarnings("unchecked")
    private final Long2ObjectOpenHashMap<Object>[] byHash = new Long2ObjectOpenHashMap[STRIPES];
    /** Replaced (copy on grow) under {@link #pagesLock}; read without a lock. */
    private volatile HeadSeries[][] pages = new HeadSeries[16][];
    /** Live series per page, guarded by {@link #pagesLock}. */
    private int[] pageLive = new int[16];
    private final Object pagesLock = new Object();

    /** Locks of the stripes; a stripe's map is created on first use, so a small head stays small. */
    private final Object[] locks = new Object[STRIPES];
    private final HeadSymbols symbols;

    StripeSeries(HeadSymbols symbols) {
        this.symbols = symbols;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    /** The series with {@code ref}, or null. Lock-free. */
    HeadSeries byRef(long ref) {
        if (ref <= 0 || ref > Integer.MAX_VALUE) {
            return null;
        }
        HeadSeries[][] p = pages;
        int page = (int) (ref >>> PAGE_BITS);
        if (page >= p.length) {
            return null;
        }
        HeadSeries[] slots = p[page];
        return slots == null ? null : (HeadSeries) SLOT.getAcquire(slots, (int) ref & (PAGE_SIZE - 1));
    }

    /** The series with these labels, or null. */
    HeadSeries byLabels(Labels labels, long hash) {
        int i = (int) hash & STRIPE_MASK;
        synchronized (locks[i]) {
            Long2ObjectOpenHashMap<Object> stripe = byHash[i];
            return stripe == null ? null : find(stripe.get(hash), labels);
        }
    }

    /**
     * The series with these labels, created with {@code factory} when absent. The factory runs
     * under the stripe lock; it must be cheap and must not take other stripe locks.
     *
     * @return the existing or new series, or null when {@code factory} returned null (a limit)
     */
    HeadSeries getOrCreate(Labels labels, long hash, SeriesFactory factory) {
        int i = (int) hash & STRIPE_MASK;
        synchronized (locks[i]) {
            Long2ObjectOpenHashMap<Object> stripe = byHash[i];
            if (stripe == null) {
                stripe = new Long2ObjectOpenHashMap<>(2);
                byHash[i] = stripe;
            }
            Object slot = stripe.get(hash);
            HeadSeries found = find(slot, labels);
            if (found != null) {
                return found;
            }
            HeadSeries created = factory.create(labels);
            if (created == null) {
                return null;
            }
            if (slot == null) {
                stripe.put(hash, created);
            } else {
                stripe.put(hash, withAdded(slot, created));
            }
            publish(created);
            return created;
        }
    }

    /** Creates a series function for {@link #getOrCreate}. */
    @FunctionalInterface
    interface SeriesFactory {
        HeadSeries create(Labels labels);
    }

    /** Removes {@code series} from both maps. */
    void remove(HeadSeries series) {
        long hash = symbols.hash64(series.symbols);
        int i = (int) hash & STRIPE_MASK;
        synchronized (locks[i]) {
            Long2ObjectOpenHashMap<Object> stripe = byHash[i];
            Object slot = stripe == null ? null : stripe.get(hash);
            if (slot == series) {
                stripe.remove(hash);
            } else if (slot instanceof HeadSeries[] many) {
                List<HeadSeries> rest = new ArrayList<>(List.of(many));
                rest.remove(series);
                stripe.put(hash, rest.size() == 1 ? rest.getFirst() : rest.toArray(HeadSeries[]::new));
            }
            unpublish(series);
        }
    }

    /** Visits every series; series added or removed meanwhile may or may not be visited. */
    void forEach(Consumer<HeadSeries> visitor) {
        HeadSeries[][] p = pages;
        for (HeadSeries[] slots : p) {
            if (slots == null) {
                continue;
            }
            for (int i = 0; i < PAGE_SIZE; i++) {
                HeadSeries s = (HeadSeries) SLOT.getAcquire(slots, i);
                if (s != null) {
                    visitor.accept(s);
                }
            }
        }
    }

    /** Approximate heap bytes of the registry's own structures. */
    long retainedBytes() {
        long bytes = 16L * STRIPES + 16 + 4L * STRIPES * 2; // lock objects and the two arrays
        for (Long2ObjectOpenHashMap<Object> m : byHash) {
            if (m != null) {
                // Map object, then keys and values; fastutil's table is a power of two >= size / 0.75.
                bytes += 64 + 12L * Math.max(4, Integer.highestOneBit(Math.max(1, (int) (m.size() / 0.75f)) * 2));
            }
        }
        HeadSeries[][] p = pages;
        bytes += 16 + 4L * p.length;
        for (HeadSeries[] slots : p) {
            if (slots != null) {
                bytes += 16 + 4L * PAGE_SIZE;
            }
        }
        return bytes;
    }

    private void publish(HeadSeries s) {
        int page = (int) (s.ref >>> PAGE_BITS);
        synchronized (pagesLock) {
            HeadSeries[][] p = pages;
            if (page >= p.length) {
                int n = p.length;
                while (n <= page) {
                    n *= 2;
                }
                HeadSeries[][] grown = java.util.Arrays.copyOf(p, n);
                pageLive = java.util.Arrays.copyOf(pageLive, n);
                pages = grown;
                p = grown;
            }
            HeadSeries[] slots = p[page];
            if (slots == null) {
                slots = new HeadSeries[PAGE_SIZE];
                p[page] = slots;
                pages = p; // volatile write publishes the new page
            }
            SLOT.setRelease(slots, (int) s.ref & (PAGE_SIZE - 1), s);
            pageLive[page]++;
        }
    }

    private void unpublish(HeadSeries s) {
        int page = (int) (s.ref >>> PAGE_BITS);
        synchronized (pagesLock) {
            HeadSeries[][] p = pages;
            HeadSeries[] slots = p[page];
            if (slots == null || SLOT.getAcquire(slots, (int) s.ref & (PAGE_SIZE - 1)) != s) {
                return;
            }
            SLOT.setRelease(slots, (int) s.ref & (PAGE_SIZE - 1), null);
            if (--pageLive[page] == 0) {
                p[page] = null;
                pages = p;
            }
        }
    }

    private HeadSeries find(Object slot, Labels labels) {
        if (slot == null) {
            return null;
        }
        if (slot instanceof HeadSeries s) {
            return symbols.matches(s.symbols, labels) ? s : null;
        }
        for (HeadSeries s : (HeadSeries[]) slot) {
            if (symbols.matches(s.symbols, labels)) {
                return s;
            }
        }
        return null;
    }

    private static Object withAdded(Object slot, HeadSeries added) {
        if (slot instanceof HeadSeries s) {
            return new HeadSeries[] {s, added};
        }
        HeadSeries[] many = (HeadSeries[]) slot;
        HeadSeries[] grown = java.util.Arrays.copyOf(many, many.length + 1);
        grown[many.length] = added;
        return grown;
    }
}
