package io.strata.ingest.importer;

import io.strata.model.Labels;
import io.strata.model.LabelsBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;

/**
 * Samples from VictoriaMetrics's JSON-lines export ({@code /api/v1/export}), one series piece per
 * line, gzip-compressed or not:
 *
 * <pre>
 * {"metric":{"__name__":"up","job":"node"},"values":[1,0.5,"NaN"],"timestamps":[1700000000000,1700000015000,1700000030000]}
 * </pre>
 *
 * Timestamps are integer milliseconds. Values are JSON numbers or, as VictoriaMetrics's own
 * import accepts them, {@code null} and the strings {@code "NaN"}, {@code "Inf"}, {@code "-Inf"},
 * {@code "Infinity"} (any case), plus bare {@code NaN}/{@code Infinity} tokens and numeric strings.
 * Samples of a line need not be sorted. Each {@link #next} call reads at most
 * {@value #LINES_PER_CALL} lines.
 */
public final class VmJsonLinesSource implements ImportSource {
    static final int LINES_PER_CALL = 256;
    private static final int PIECE_SAMPLES = 1024;
    private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    private final ImportFile file;
    private final JsonParser parser;
    private final LabelsBuilder labels = new LabelsBuilder();
    private final PieceBuffer piece = new PieceBuffer(PIECE_SAMPLES);
    private long[] timestamps = new long[256];
    private double[] values = new double[256];
    private boolean exhausted;
    /** Line of the object being read, for errors Jackson reports further on (0 between objects). */
    private long objectLine;

    public VmJsonLinesSource(Path path) throws IOException {
        this.file = new ImportFile(path);
        try {
            this.parser = JSON.createParser(ObjectReadContext.empty(), file.stream());
        } catch (JacksonException e) {
            file.close();
            throw new IOException("cannot read " + file.name() + ": " + e.getOriginalMessage(), e);
        }
    }

    @Override
    public boolean next(ImportSink sink) throws IOException {
        if (exhausted) {
            return false;
        }
        for (int i = 0; i < LINES_PER_CALL; i++) {
            JsonToken t;
            try {
                t = parser.nextToken();
            } catch (JacksonException e) {
                throw error(e);
            }
            if (t == null) {
                piece.flush(sink);
                exhausted = true;
                return false;
            }
            line(t, sink);
        }
        return true;
    }

    private void line(JsonToken first, ImportSink sink) throws IOException {
        long line = parser.currentLocation().getLineNr();
        objectLine = line;
        if (first != JsonToken.START_OBJECT) {
            throw new ImportFormatException(file.name(), line, "expected a JSON object per line, found " + first.asString());
        }
        labels.reset();
        boolean sawMetric = false;
        int valueCount = -1;
        int timestampCount = -1;
        try {
            while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
                String field = parser.currentName();
                JsonToken t = parser.nextToken();
                switch (field) {
                    case "metric" -> {
                        metric(t, line);
                        sawMetric = true;
                    }
                    case "values" -> valueCount = values(t, line);
                    case "timestamps" -> timestampCount = timestamps(t, line);
                    default -> parser.skipChildren();
                }
            }
        } catch (JacksonException e) {
            throw error(e);
        }
        if (!sawMetric) {
            throw new ImportFormatException(file.name(), line, "missing \"metric\" object");
        }
        if (valueCount < 0 || timestampCount < 0) {
            throw new ImportFormatException(file.name(), line, "missing \"" + (valueCount < 0 ? "values" : "timestamps") + "\" array");
        }
        if (valueCount != timestampCount) {
            throw new ImportFormatException(file.name(), line, "\"values\" has " + valueCount + " entries but \"timestamps\" has "
                    + timestampCount + "; they must match");
        }
        Labels series = labels.build();
        if (series.isEmpty()) {
            throw new ImportFormatException(file.name(), line, "\"metric\" has no labels");
        }
        for (int i = 0; i < valueCount; i++) {
            piece.add(series, timestamps[i], values[i], sink);
        }
        objectLine = 0;
    }

    private void metric(JsonToken t, long line) throws ImportFormatException {
        if (t != JsonToken.START_OBJECT) {
            throw new ImportFormatException(file.name(), line, "\"metric\" must be an object of label names to values");
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            if (parser.nextToken() != JsonToken.VALUE_STRING) {
                throw new ImportFormatException(file.name(), line, "label " + name + " has a non-string value " + parser.getString());
            }
            labels.add(name, parser.getString());
        }
        if (labels.hasDuplicateNames()) {
            throw new ImportFormatException(file.name(), line, "\"metric\" repeats a label name");
        }
    }

    private int values(JsonToken t, long line) throws ImportFormatException {
        expectArray(t, "values", line);
        int n = 0;
        for (JsonToken e = parser.nextToken(); e != JsonToken.END_ARRAY; e = parser.nextToken()) {
            double v = switch (e) {
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> parser.getDoubleValue();
                case VALUE_NULL -> Double.NaN;
                case VALUE_STRING -> special(parser.getString(), n, line);
                default -> throw new ImportFormatException(file.name(), line, "value " + n + " is not a number: " + e.asString());
            };
            if (n == values.length) {
                values = Arrays.copyOf(values, n * 2);
            }
            values[n++] = v;
        }
        return n;
    }

    private int timestamps(JsonToken t, long line) throws ImportFormatException {
        expectArray(t, "timestamps", line);
        int n = 0;
        for (JsonToken e = parser.nextToken(); e != JsonToken.END_ARRAY; e = parser.nextToken()) {
            if (e != JsonToken.VALUE_NUMBER_INT) {
                throw new ImportFormatException(file.name(), line, "timestamp " + n + " is not an integer (milliseconds): "
                        + (e == JsonToken.VALUE_STRING ? "\"" + parser.getString() + "\"" : parser.getString()));
            }
            if (n == timestamps.length) {
                timestamps = Arrays.copyOf(timestamps, n * 2);
            }
            timestamps[n++] = parser.getLongValue();
        }
        return n;
    }

    private double special(String s, int index, long line) throws ImportFormatException {
        if (s.equalsIgnoreCase("null")) {
            return Double.NaN;
        }
        try {
            return TextNumbers.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new ImportFormatException(file.name(), line, "value " + index + " is not a number: \"" + s + "\"");
        }
    }

    private void expectArray(JsonToken t, String field, long line) throws ImportFormatException {
        if (t != JsonToken.START_ARRAY) {
            throw new ImportFormatException(file.name(), line, "\"" + field + "\" must be an array");
        }
    }

    private ImportFormatException error(JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        long line = objectLine > 0 ? objectLine
                : at == null || at.getLineNr() < 1 ? parser.currentLocation().getLineNr() : at.getLineNr();
        return new ImportFormatException(file.name(), Math.max(1, line), "invalid JSON: " + e.getOriginalMessage());
    }

    @Override
    public double progress() {
        return exhausted ? 1 : file.progress();
    }

    @Override
    public String describe() {
        return file.describe();
    }

    @Override
    public void close() throws IOException {
        try {
            parser.close();
        } finally {
            file.close();
        }
    }
}
