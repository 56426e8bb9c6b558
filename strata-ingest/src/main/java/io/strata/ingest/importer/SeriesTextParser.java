package io.strata.ingest.importer;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads the series part of a text exposition sample line: {@code name}, {@code name{a="b",...}},
 * or Prometheus 3's quoted form {@code {"name.with.dots", "label.x"="v"}}. Label values unescape
 * {@code \\}, {@code \"} and {@code \n}; any other backslash stays as written, as in Prometheus.
 * Not thread-safe; reused line after line.
 */
final class SeriesTextParser {
    /** What went wrong, with the column; the caller adds file and line. */
    static final class SyntaxException extends Exception {
        SyntaxException(String message) {
            super(message, null, false, false);
        }
    }

    private final LabelsBuilder builder = new LabelsBuilder();
    private final Set<String> seen = new HashSet<>();
    private final StringBuilder scratch = new StringBuilder();
    private String line;
    private int pos;
    private String metricName;

    /**
     * Parses the series starting at column 0.
     *
     * @return the index just after the series part
     */
    int parse(String line) throws SyntaxException {
        this.line = line;
        this.pos = 0;
        this.metricName = null;
        builder.reset();
        seen.clear();
        if (pos < line.length() && line.charAt(pos) != '{') {
            metricName = bareName(true);
        }
        if (pos < line.length() && line.charAt(pos) == '{') {
            pos++;
            labels();
        }
        if (metricName == null) {
            throw new SyntaxException("sample has no metric name");
        }
        return pos;
    }

    /** The metric name of the last parsed series. */
    String metricName() {
        return metricName;
    }

    /**
     * The labels of the last parsed series with {@code __name__} set, the value of
     * {@code floatLabel} (when not null) made canonical.
     */
    Labels labels(String floatLabel) {
        builder.add(Labels.METRIC_NAME, metricName);
        if (floatLabel != null) {
            Labels raw = builder.build();
            String v = raw.get(floatLabel);
            if (v != null) {
                builder.set(floatLabel, TextNumbers.canonicalFloatLabel(v));
            }
        }
        return builder.build();
    }

    private void labels() throws SyntaxException {
        while (true) {
            skipBlanks();
            if (pos >= line.length()) {
                throw new SyntaxException("unterminated label set: expected '}'");
            }
            if (line.charAt(pos) == '}') {
                pos++;
                return;
            }
            boolean quotedName = line.charAt(pos) == '"';
            String name = quotedName ? quoted() : bareName(false);
            skipBlanks();
            if (quotedName && metricName == null && pos < line.length() && line.charAt(pos) != '=') {
                metricName = name; // {"metric.name", ...}: a quoted string alone names the metric
            } else {
                expect('=');
                skipBlanks();
                if (pos >= line.length() || line.charAt(pos) != '"') {
                    throw new SyntaxException("label " + name + " at column " + (pos + 1) + ": expected a quoted value");
                }
                String value = quoted();
                if (name.equals(Labels.METRIC_NAME)) {
                    throw new SyntaxException("label " + Labels.METRIC_NAME + " inside braces; write the metric name before them");
                }
                if (!seen.add(name)) {
                    throw new SyntaxException("duplicate label name " + name);
                }
                builder.add(name, value);
            }
            skipBlanks();
            if (pos < line.length() && line.charAt(pos) == ',') {
                pos++;
            } else if (pos >= line.length() || line.charAt(pos) != '}') {
                throw new SyntaxException("expected ',' or '}' at column " + (pos + 1));
            }
        }
    }

    private String bareName(boolean metric) throws SyntaxException {
        int start = pos;
        while (pos < line.length()) {
            char c = line.charAt(pos);
            boolean ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
                    || (pos > start && c >= '0' && c <= '9') || (metric && c == ':');
            if (!ok) {
                break;
            }
            pos++;
        }
        if (pos == start) {
            throw new SyntaxException("invalid character '" + (pos < line.length() ? line.charAt(pos) : ' ')
                    + "' at column " + (pos + 1) + ": expected a " + (metric ? "metric" : "label") + " name");
        }
        return line.substring(start, pos);
    }

    private String quoted() throws SyntaxException {
        int start = pos;
        pos++; // the opening quote
        scratch.setLength(0);
        while (pos < line.length()) {
            char c = line.charAt(pos++);
            if (c == '"') {
                return scratch.toString();
            }
            if (c == '\\' && pos < line.length()) {
                char e = line.charAt(pos++);
                switch (e) {
                    case '\\', '"' -> scratch.append(e);
                    case 'n' -> scratch.append('\n');
                    default -> scratch.append('\\').append(e);
                }
            } else {
                scratch.append(c);
            }
        }
        throw new SyntaxException("unterminated quoted string starting at column " + (start + 1));
    }

    private void expect(char c) throws SyntaxException {
        if (pos >= line.length() || line.charAt(pos) != c) {
            throw new SyntaxException("expected '" + c + "' at column " + (pos + 1));
        }
        pos++;
    }

    private void skipBlanks() {
        while (pos < line.length() && (line.charAt(pos) == ' ' || line.charAt(pos) == '\t')) {
            pos++;
        }
    }
}
