package io.strata.testing.promql;

import io.strata.model.Labels;
import java.util.List;

/**
 * {@code load <interval>} or {@code load_with_nhcb <interval>}: value i of every series goes to
 * time {@code i * interval}, counted from 0. One entry per label set: a later line of the block
 * replaced an earlier one with the same labels.
 */
public record LoadCommand(int line, long intervalMs, boolean withNhcb, List<Series> series) implements ScriptCommand {
    public LoadCommand {
        series = List.copyOf(series);
    }

    /**
     * One series of the block.
     *
     * @param line 1-based line of the series (the last one when the label set was repeated)
     * @param startTimestampOffsets offsets in ms of the start timestamps of an {@code @st} line,
     *     one per position ({@code null} for {@code _}), or {@code null} when there was no such line
     */
    public record Series(int line, Labels labels, List<SequenceValue> values, List<Long> startTimestampOffsets) {
        public Series {
            values = List.copyOf(values);
        }
    }
}
