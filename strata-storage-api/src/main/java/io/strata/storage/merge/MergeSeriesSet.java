package io.strata.storage.merge;

import io.strata.model.Labels;
import io.strata.storage.SampleCursor;
import io.strata.storage.Series;
import io.strata.storage.SeriesSet;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges series sets that are each sorted by {@link Labels#compareTo} into one sorted set. Series
 * with equal labels in several inputs become one {@link Series} whose cursor merges theirs with
 * {@link MergeSampleCursor} (equal timestamps deduplicated, the earliest input wins).
 *
 * <p>Inputs are advanced lazily: an input's current series stays valid until this set moves past
 * it, which is what {@link SeriesSet#at()} promises. Warnings of all inputs are concatenated in
 * input order. Not thread-safe.
 */
public final class MergeSeriesSet implements SeriesSet {
    private final SeriesSet[] inputs;
    /** Whether input i has a current series (false once exhausted). */
    private final boolean[] live;
    /** Inputs holding the series now returned by {@link #at()}; they move on the next call. */
    private final boolean[] inCurrent;
    private boolean started;
    private final MergedSeries merged = new MergedSeries();
    private Series current;

    private MergeSeriesSet(SeriesSet[] inputs) {
        this.inputs = inputs;
        this.live = new boolean[inputs.length];
        this.inCurrent = new boolean[inputs.length];
    }

    /** A set merging {@code inputs}, each sorted by labels; one input is returned as it is. */
    public static SeriesSet of(List<SeriesSet> inputs) {
        if (inputs.isEmpty()) {
            return SeriesSet.EMPTY;
        }
        if (inputs.size() == 1) {
            return inputs.getFirst();
        }
        return new MergeSeriesSet(inputs.toArray(SeriesSet[]::new));
    }

    @Override
    public boolean next() {
        if (!started) {
            started = true;
            for (int i = 0; i < inputs.length; i++) {
                live[i] = inputs[i].next();
            }
        } else {
            for (int i = 0; i < inputs.length; i++) {
                if (inCurrent[i]) {
                    live[i] = inputs[i].next();
                }
            }
        }
        Labels min = null;
        int count = 0;
        for (int i = 0; i < inputs.length; i++) {
            inCurrent[i] = false;
            if (!live[i]) {
                continue;
            }
            Labels l = inputs[i].at().labels();
            int cmp = min == null ? -1 : l.compareTo(min);
            if (cmp < 0) {
                min = l;
                for (int j = 0; j < i; j++) {
                    inCurrent[j] = false;
                }
                inCurrent[i] = true;
                count = 1;
            } else if (cmp == 0) {
                inCurrent[i] = true;
                count++;
            }
        }
        if (min == null) {
            current = null;
            return false;
        }
        if (count == 1) {
            for (int i = 0; i < inputs.length; i++) {
                if (inCurrent[i]) {
                    current = inputs[i].at();
                }
            }
        } else {
            merged.reset(min);
            for (int i = 0; i < inputs.length; i++) {
                if (inCurrent[i]) {
                    merged.parts.add(inputs[i].at());
                }
            }
            current = merged;
        }
        return true;
    }

    @Override
    public Series at() {
        if (current == null) {
            throw new IllegalStateException("BUG: at() without a successful next()");
        }
        return current;
    }

    @Override
    public List<String> warnings() {
        List<String> all = new ArrayList<>();
        for (SeriesSet s : inputs) {
            all.addAll(s.warnings());
        }
        return all;
    }

    /**
     * The same series found in several inputs. One instance is recycled for every merged series,
     * which the "valid until the next call" rule of {@link SeriesSet#at()} allows.
     */
    private static final class MergedSeries implements Series {
        private Labels labels;
        private final List<Series> parts = new ArrayList<>(4);

        void reset(Labels labels) {
            this.labels = labels;
            parts.clear();
        }

        @Override
        public Labels labels() {
            return labels;
        }

        @Override
        public SampleCursor cursor(SampleCursor reuse) {
            MergeSampleCursor c;
            if (reuse instanceof MergeSampleCursor old && old.size() == parts.size()) {
                // Hand each part the cursor it produced last time, so block and head cursors recycle.
                SampleCursor[] previous = new SampleCursor[old.size()];
                for (int i = 0; i < previous.length; i++) {
                    previous[i] = old.input(i);
                }
                c = old.reset();
                for (int i = 0; i < parts.size(); i++) {
                    c.add(parts.get(i).cursor(previous[i]));
                }
                return c;
            }
            c = new MergeSampleCursor();
            for (Series part : parts) {
                c.add(part.cursor(null));
            }
            return c;
        }
    }
}
