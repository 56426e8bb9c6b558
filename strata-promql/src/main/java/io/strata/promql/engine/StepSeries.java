package io.strata.promql.engine;

import io.strata.model.Labels;

/**
 * One series of an instant-vector result over all steps of a grid, as columns: {@code values[i]}
 * is meaningful only where bit i of {@code present} is set. {@code dropName} marks a series whose
 * {@code __name__} must go once evaluation ends (delayed name removal); without delayed removal
 * the engine drops the name at once and this stays false.
 */
public final class StepSeries {
    private Labels labels;
    private boolean dropName;
    final double[] values;
    final long[] present;
    private int presentCount;

    public StepSeries(Labels labels, int steps) {
        this.labels = labels;
        this.values = new double[steps];
        this.present = new long[(steps + 63) >>> 6];
    }

    public Labels labels() {
        return labels;
    }

    public void setLabels(Labels newLabels) {
        labels = newLabels;
    }

    public boolean dropName() {
        return dropName;
    }

    public void setDropName(boolean drop) {
        dropName = drop;
    }

    public int steps() {
        return values.length;
    }

    public boolean has(int step) {
        return (present[step >>> 6] & (1L << step)) != 0;
    }

    public double value(int step) {
        return values[step];
    }

    /** Sets the value at {@code step}, making it present. */
    public void set(int step, double value) {
        long bit = 1L << step;
        int word = step >>> 6;
        if ((present[word] & bit) == 0) {
            present[word] |= bit;
            presentCount++;
        }
        values[step] = value;
    }

    public void clear(int step) {
        long bit = 1L << step;
        int word = step >>> 6;
        if ((present[word] & bit) != 0) {
            present[word] &= ~bit;
            presentCount--;
        }
    }

    /** Number of steps with a value. */
    public int presentCount() {
        return presentCount;
    }

    public boolean isEmpty() {
        return presentCount == 0;
    }

    /** The first present step at or after {@code from}, or -1. */
    public int nextPresent(int from) {
        if (from >= values.length) {
            return -1;
        }
        int word = from >>> 6;
        long bits = present[word] & (-1L << from);
        while (true) {
            if (bits != 0) {
                int step = (word << 6) + Long.numberOfTrailingZeros(bits);
                return step < values.length ? step : -1;
            }
            if (++word == present.length) {
                return -1;
            }
            bits = present[word];
        }
    }

    /** A copy with the same points and new labels. */
    public StepSeries copyWithLabels(Labels newLabels) {
        StepSeries copy = new StepSeries(newLabels, values.length);
        System.arraycopy(values, 0, copy.values, 0, values.length);
        System.arraycopy(present, 0, copy.present, 0, present.length);
        copy.presentCount = presentCount;
        copy.dropName = dropName;
        return copy;
    }
}
