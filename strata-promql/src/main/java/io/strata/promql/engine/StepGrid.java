package io.strata.promql.engine;

/**
 * The evaluation times of one (sub)query: {@code start, start+step, ... <= end}. An instant query
 * is a grid of one step. Every intermediate result of the engine is laid out on a grid.
 */
public record StepGrid(long startMs, long endMs, long stepMs, int count) {
    public static StepGrid instant(long timeMs) {
        return new StepGrid(timeMs, timeMs, 1, 1);
    }

    public static StepGrid of(long startMs, long endMs, long stepMs) {
        long n = (endMs - startMs) / stepMs + 1;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many steps: " + n);
        }
        return new StepGrid(startMs, endMs, stepMs, (int) n);
    }

    public long time(int step) {
        return startMs + step * stepMs;
    }

    /** Every step's time, in order. */
    public long[] times() {
        long[] t = new long[count];
        for (int i = 0; i < count; i++) {
            t[i] = time(i);
        }
        return t;
    }
}
