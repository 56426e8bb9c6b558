package io.strata.aggregator.stream;

import io.strata.model.Labels;
import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Entries by labels and by id. Ids are dense ints, so the by-id lookup of the hot path is an array
 * read. Thread-safe: lookups take no lock, creation and removal lock the table.
 */
final class SeriesTable {
    private final ConcurrentHashMap<Labels, SeriesEntry> byLabels = new ConcurrentHashMap<>();
    private volatile SeriesEntry[] byId = new SeriesEntry[1024];
    private int nextId = 1;

    SeriesEntry byRef(long ref) {
        if ((ref & SeriesEntry.REF_BIT) == 0) {
            return null;
        }
        long id = ref & ~SeriesEntry.REF_BIT;
        SeriesEntry[] ids = byId;
        return id > 0 && id < ids.length ? ids[(int) id] : null;
    }

    SeriesEntry getOrCreate(Labels labels) {
        SeriesEntry e = byLabels.get(labels);
        return e != null ? e : create(labels);
    }

    private synchronized SeriesEntry create(Labels labels) {
        SeriesEntry e = byLabels.get(labels);
        if (e != null) {
            return e;
        }
        SeriesEntry[] ids = byId;
        if (nextId == ids.length) {
            ids = Arrays.copyOf(ids, ids.length * 2);
        }
        e = new SeriesEntry(nextId, labels);
        ids[nextId++] = e;
        byId = ids; // publishes the new slot
        byLabels.put(labels, e);
        return e;
    }

    synchronized void remove(SeriesEntry e) {
        byLabels.remove(e.labels, e);
        SeriesEntry[] ids = byId;
        if (ids[e.id] == e) {
            ids[e.id] = null;
        }
    }

    Collection<SeriesEntry> entries() {
        return byLabels.values();
    }

    int size() {
        return byLabels.size();
    }
}
