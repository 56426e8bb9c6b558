package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.promql.parse.PromqlParser;
import java.util.List;

/**
 * A series description: {@code metric{labels} values...}, as in load blocks and expected results.
 * The metric part is {@code name}, {@code name{...}} or {@code {...}}, read by
 * {@link PromqlParser#parseMetricPrefix} with the lexer's rules: braces after a space are a
 * value, not labels (so {@code foo {{schema:0}}} is a histogram of {@code foo}). The values
 * follow after whitespace.
 */
public record SeriesLine(Labels labels, List<SequenceValue> values) {
    public SeriesLine {
        values = List.copyOf(values);
    }

    /** Parses one trimmed line; BAD_DATA with the reason when it is malformed. */
    public static SeriesLine parse(String line) {
        PromqlParser.MetricPrefix metric = PromqlParser.parseMetricPrefix(line);
        String values = line.substring(metric.end());
        if (!values.isEmpty() && values.charAt(0) != ' ' && values.charAt(0) != '\t') {
            throw new StrataException(ErrorCode.BAD_DATA,
                    "unexpected \"" + values + "\" after the metric: put a space before the values");
        }
        return new SeriesLine(metric.labels(), SeriesValues.expand(values));
    }
}
