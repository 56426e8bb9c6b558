package io.strata.tsdb.head;

import io.strata.model.Labels;
import io.strata.model.Matcher;
import io.strata.tsdb.index.LabelIndexReader;
import io.strata.tsdb.index.PostingsSelector;
import io.strata.model.Utf8Order;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BiConsumer;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.roaringbitmap.buffer.MutableRoaringBitmap;

/**
 * The inverted index of the head: for every label pair, a Roaring bitmap of the refs of the series
 * carrying it. Series refs are below 2^31, so they fit Roaring's int ids.
 *
 * <p>Locking: one read-write lock. Series creation and removal take the write lock; they are rare
 * next to samples (a new series per thousands of samples in steady state). Selection runs
 * {@link PostingsSelector} under the read lock over the live bitmaps and returns a private copy
 * of the result, so a caller never sees a bitmap that a writer is changing. Label names and values
 * are copied out the same way.
 *
 * <p>Values are kept in {@link Utf8Order}, the order of {@link Labels}, so value lists come out
 * sorted without a sort per query.
 */
final class HeadIndex {
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    /** Guarded by {@link #lock}. Label name to value to refs. */
    private final TreeMap<String, TreeMap<String, MutableRoaringBitmap>> postings = new TreeMap<>(Utf8Order.INSTANCE);
    /** Guarded by {@link #lock}. Every indexed ref. */
    private final MutableRoaringBitmap all = new MutableRoaringBitmap();
    /** The live maps seen through the selector's interface; only used under the read lock. */
    private final LabelIndexReader liveReader = new LiveReader();

    void add(int ref, Labels labels) {
        lock.writeLock().lock();
        try {
            labels.forEach((name, value) -> postings
                    .computeIfAbsent(name, n -> new TreeMap<>(Utf8Order.INSTANCE))
                    .computeIfAbsent(value, v -> new MutableRoaringBitmap())
                    .add(ref));
            all.add(ref);
        } finally {
            lock.writeLock().unlock();
        }
    }

    void remove(int ref, Labels labels) {
        lock.writeLock().lock();
        try {
            labels.forEach((name, value) -> {
                TreeMap<String, MutableRoaringBitmap> values = postings.get(name);
                if (values == null) {
                    return;
                }
                MutableRoaringBitmap refs = values.get(value);
                if (refs == null) {
                    return;
                }
                refs.remove(ref);
                if (refs.isEmpty()) {
                    values.remove(value);
                    if (values.isEmpty()) {
                        postings.remove(name);
                    }
                }
            });
            all.remove(ref);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Refs of the series matching {@code matchers}, as a private copy.
     *
     * @param requireNonEmpty whether at least one matcher must not match the empty string
     *     (selects need one; the label APIs do not)
     */
    MutableRoaringBitmap select(List<Matcher> matchers, boolean requireNonEmpty) {
        if (requireNonEmpty) {
            PostingsSelector.requireNonEmptyMatcher(matchers);
        }
        lock.readLock().lock();
        try {
            ImmutableRoaringBitmap r = PostingsSelector.selectFromAll(liveReader, matchers);
            return r.toMutableRoaringBitmap();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sorted label names. */
    List<String> labelNames() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(postings.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sorted values of label {@code name}. */
    List<String> labelValues(String name) {
        lock.readLock().lock();
        try {
            TreeMap<String, MutableRoaringBitmap> values = postings.get(name);
            return values == null ? List.of() : new ArrayList<>(values.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of distinct label pairs. */
    long labelPairCount() {
        lock.readLock().lock();
        try {
            long n = 0;
            for (TreeMap<String, MutableRoaringBitmap> values : postings.values()) {
                n += values.size();
            }
            return n;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Calls {@code visitor} with each label name and its values with their series counts, under the
     * read lock (so keep it short): the cardinality statistics are computed from this.
     */
    void forEachName(BiConsumer<String, Map<String, MutableRoaringBitmap>> visitor) {
        lock.readLock().lock();
        try {
            postings.forEach(visitor);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Approximate heap bytes of the postings (bitmaps, keys and map entries). */
    long retainedBytes() {
        lock.readLock().lock();
        try {
            long bytes = all.getSizeInBytes();
            for (Map.Entry<String, TreeMap<String, MutableRoaringBitmap>> e : postings.entrySet()) {
                bytes += 64 + 2L * e.getKey().length();
                for (Map.Entry<String, MutableRoaringBitmap> v : e.getValue().entrySet()) {
                    // TreeMap entry (40), String (24 + array 16 + chars), bitmap objects (48) + payload.
                    bytes += 128 + v.getKey().length() + v.getValue().getSizeInBytes();
                }
            }
            return bytes;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The live maps as a {@link LabelIndexReader}; valid only while the read lock is held. */
    private final class LiveReader implements LabelIndexReader {
        @Override
        public List<String> labelNames() {
            return new ArrayList<>(postings.keySet());
        }

        @Override
        public List<String> labelValues(String name) {
            TreeMap<String, MutableRoaringBitmap> values = postings.get(name);
            return values == null ? List.of() : new ArrayList<>(values.keySet());
        }

        @Override
        public ImmutableRoaringBitmap postings(String name, String value) {
            TreeMap<String, MutableRoaringBitmap> values = postings.get(name);
            MutableRoaringBitmap refs = values == null ? null : values.get(value);
            return refs == null ? io.strata.tsdb.index.Postings.EMPTY : refs;
        }

        @Override
        public ImmutableRoaringBitmap allSeries() {
            return all;
        }
    }
}
