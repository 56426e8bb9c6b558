package io.strata.testing.promql;

import io.strata.model.ErrorCode;
import io.strata.model.Labels;
import io.strata.model.StrataException;
import io.strata.promql.parse.PromqlParser;
import java.util.List;

/**
 * A series description: {@code metric{labels} values...}, as in load blocks and expected results.
 * The metric part is {@code name}, {@code name{...}} or {@code {...}} with no space before the
 * brace (a space there makes the braces a value, which is an error, as in Prometheus's lexer);
 * it is parsed by {@link PromqlParser#parseMetric}. The values follow after whitespace.
 */
public record SeriesLine(Labels labels, List<SequenceValue> values) {
    public SeriesLine {
        values = List.copyOf(values);
    }

    /** Parses one trimmed line; BAD_DATA with the reason when it is malformed. */
    public static SeriesLine parse(String line) {
        int metricEnd = metricEnd(line);
        if (metricEnd < line.length() && line.charAt(metricEnd) != ' ' && line.charAt(metricEnd) != '\t') {
            throw new StrataException(ErrorCode.BAD_DATA,
                    "unexpected \"" + line.substring(metricEnd) + "\" after the metric: put a space before the values");
        }
        Labels labels = PromqlParser.parseMetric(line.substring(0, metricEnd));
        return new SeriesLine(labels, SeriesValues.expand(line.substring(metricEnd)));
    }

    /** Where the metric part of {@code line} ends: after the name, or after the closing brace. */
    static int metricEnd(String line) {
        int i = 0;
        if (i < line.length() && isNameStart(line.charAt(i))) {
            while (i < line.length() && isNameChar(line.charAt(i))) {
                i++;
            }
        }
        if (i < line.length() && line.charAt(i) == '{') {
            return closingBrace(line, i);
        }
        if (i == 0) {
            throw new StrataException(ErrorCode.BAD_DATA,
                    "expected a metric name or {labels} at the start of \"" + line + "\"");
        }
        return i;
    }

    /** Index after the brace closing the one at {@code open}, skipping quoted strings. */
    private static int closingBrace(String line, int open) {
        int i = open + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '}') {
                return i + 1;
            }
            if (c == '"' || c == '\'' || c == '`') {
                i = afterQuoted(line, i);
            } else {
                i++;
            }
        }
        throw new StrataException(ErrorCode.BAD_DATA, "unclosed { in \"" + line + "\"");
    }

    private static int afterQuoted(String line, int start) {
        char quote = line.charAt(start);
        int i = start + 1;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '\\' && quote != '`') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i + 1;
            }
            i++;
        }
        throw new StrataException(ErrorCode.BAD_DATA, "unterminated string in \"" + line + "\"");
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':';
    }

    private static boolean isNameChar(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }
}
