package io.strata.aggregator.stream;

import io.strata.aggregator.rules.RollupKind;
import io.strata.model.SampleValues;

/**
 * One input series' link to a {@link RollupGroup}. For counters it turns values into increases as
 * Prometheus's {@code increase} does: a drop is a reset, after which the new value is the increase;
 * the first sample only sets the baseline. Thread-safe.
 */
final class RollupInput {
    private final RollupGroup group;
    private final long id;
    private double previous = Double.NaN;
    private long previousTime = Long.MIN_VALUE;

    RollupInput(RollupGroup group, long id) {
        this.group = group;
        this.id = id;
    }

    RollupGroup group() {
        return group;
    }

    /** Adds a sample; false when it was too late for its window. */
    synchronized boolean add(long t, double v, long wallMillis, WindowOutput out) {
        if (SampleValues.isStaleNaN(v)) {
            return true;
        }
        if (group.kind() == RollupKind.GAUGE) {
            return group.addGauge(id, t, v, wallMillis, out);
        }
        if (t <= previousTime || Double.isNaN(v)) {
            return t == previousTime; // out of order or NaN: no increase to attribute
        }
        double increase = CounterIncrease.between(previous, v);
        previous = v;
        previousTime = t;
        return group.addIncrease(t, increase, wallMillis, out);
    }

    /** Sets the baseline after a restart: the input's raw value at or before where the group resumes. */
    synchronized void resume(long t, double v) {
        if (!Double.isNaN(v)) {
            previous = v;
            previousTime = t;
        }
    }
}
