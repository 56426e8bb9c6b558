package io.strata.promql.functions;

import io.strata.model.Labels;
import io.strata.promql.engine.FunctionCall;
import io.strata.promql.engine.RangeWindow;

/**
 * {@code max_over_time} and {@code min_over_time} in one pass over a series: windows only move
 * forward, so a monotonic deque of sample indices gives each window's extremum in amortised
 * constant time instead of a scan of the whole window (a 1h window at 15 s is 240 samples per
 * step). Same answers as the scan: NaN only when every value in the window is NaN, and among
 * equal extremes the earliest wins (the scan replaces its best only on a strict improvement).
 * One instance per call: it keeps the deque of the series being walked.
 */
final class SlidingExtremum implements WindowFunction {
    private final boolean largest;
    private int[] deque = new int[64];
    private int head;
    private int tail;
    /** The next sample index not yet offered to the deque. */
    private int next;
    private double[] seriesValues;
    private Labels seriesLabels;
    private int lastStep = -1;

    SlidingExtremum(boolean largest) {
        this.largest = largest;
    }

    @Override
    public boolean apply(RangeWindow w, FunctionCall call) {
        if (w.values != seriesValues || w.labels != seriesLabels || w.step <= lastStep) {
            // A new series: start over.
            seriesValues = w.values;
            seriesLabels = w.labels;
            head = 0;
            tail = 0;
            next = w.from;
        }
        lastStep = w.step;
        double[] v = w.values;
        if (next < w.from) {
            next = w.from;
        }
        for (; next < w.to; next++) {
            double x = v[next];
            if (Double.isNaN(x)) {
                continue;
            }
            while (tail > head && (largest ? v[deque[tail - 1]] < x : v[deque[tail - 1]] > x)) {
                tail--;
            }
            push(next);
        }
        while (head < tail && deque[head] < w.from) {
            head++;
        }
        w.result = head < tail ? v[deque[head]] : Double.NaN;
        return true;
    }

    private void push(int index) {
        if (tail == deque.length) {
            if (head > 0) {
                System.arraycopy(deque, head, deque, 0, tail - head);
                tail -= head;
                head = 0;
            } else {
                deque = java.util.Arrays.copyOf(deque, deque.length * 2);
            }
        }
        deque[tail++] = index;
    }
}
