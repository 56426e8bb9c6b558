package io.strata.testing.promql;

import io.strata.model.SampleValues;
import io.strata.promql.value.FloatHistogram;

/**
 * One position of an expanded series line: nothing ({@code _}), a float, or a native histogram.
 *
 * @param counterResetHintSet the histogram literal spelled out {@code counter_reset_hint}; an
 *     expected histogram without it does not compare the hint
 */
public record SequenceValue(boolean omitted, double value, FloatHistogram histogram, boolean counterResetHintSet) {
    public static final SequenceValue OMITTED = new SequenceValue(true, 0, null, false);
    public static final SequenceValue STALE = ofFloat(SampleValues.STALE_NAN);

    public static SequenceValue ofFloat(double value) {
        return new SequenceValue(false, value, null, false);
    }

    public static SequenceValue ofHistogram(FloatHistogram histogram, boolean counterResetHintSet) {
        return new SequenceValue(false, 0, histogram, counterResetHintSet);
    }

    public boolean isHistogram() {
        return histogram != null;
    }

    @Override
    public String toString() {
        if (omitted) {
            return "_";
        }
        return histogram != null ? ResultText.histogram(histogram) : ResultText.number(value);
    }
}
